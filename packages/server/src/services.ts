import type { Store } from './db/connect.ts';
import type { Settings } from './config/env.ts';
import { AuthService } from './auth/service.ts';
import { UnitService } from './units/service.ts';
import { OrganisationService } from './organisations/service.ts';
import { PersonService } from './people/service.ts';
import { PostService } from './posts/service.ts';
import { AreaService } from './areas/service.ts';
import { TileService } from './tiles/service.ts';

export interface Services {
  auth: AuthService;
  units: UnitService;
  organisations: OrganisationService;
  people: PersonService;
  posts: PostService;
  areas: AreaService;
  tiles: TileService;
}

export function createServices(store: Store, settings: Settings): Services {
  const tiles = new TileService(store);
  return {
    auth: new AuthService(store, settings),
    units: new UnitService(store, () => tiles.invalidate('units')),
    organisations: new OrganisationService(store),
    people: new PersonService(store),
    posts: new PostService(store),
    areas: new AreaService(store, () => tiles.invalidate('areas')),
    tiles,
  };
}
