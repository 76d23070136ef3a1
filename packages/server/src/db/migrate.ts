import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { isPostgres } from './engine-of.ts';
import * as foundation from './migrations/0001-foundation.ts';
import * as patrols from './migrations/0002-patrols.ts';
import * as ruleVersions from './migrations/0003-rule-versions.ts';
import * as dutyReports from './migrations/0004-duty-reports.ts';
import * as observations from './migrations/0005-patrol-observations.ts';
import * as files from './migrations/0006-files.ts';
import * as problems from './migrations/0007-problems.ts';
import * as observationPhotos from './migrations/0008-observation-photos.ts';
import * as parcels from './migrations/0009-parcels.ts';
import * as logging from './migrations/0010-logging.ts';
import * as compensation from './migrations/0011-compensation.ts';
import * as landUse from './migrations/0012-land-use.ts';
import * as scatteredTrees from './migrations/0013-scattered-trees.ts';
import * as ancientTrees from './migrations/0014-ancient-trees.ts';
import * as parcelTileGeometry from './migrations/0015-parcel-tile-geometry.ts';
import * as fireBansEntry from './migrations/0017-fire-bans-entry.ts';
import * as fireWeather from './migrations/0016-fire-weather.ts';
import * as fireDevices from './migrations/0019-fire-devices.ts';
import * as fireAlarms from './migrations/0018-fire-alarms.ts';
import * as fireInfrastructure from './migrations/0020-fire-infrastructure.ts';
import * as workplans from './migrations/0021-workplans.ts';
import * as pineWilt from './migrations/0022-pine-wilt.ts';
import * as pestQuarantine from './migrations/0025-pest-quarantine.ts';
import * as carbon from './migrations/0026-carbon.ts';
import * as workplanTargets from './migrations/0027-workplan-targets.ts';
import * as assessment from './migrations/0028-assessment.ts';
import * as responsibilitySnapshots from './migrations/0029-responsibility-snapshots.ts';
import * as assessmentResults from './migrations/0030-assessment-results.ts';
import * as pestSurveys from './migrations/0024-pest-surveys.ts';
import * as wildlife from './migrations/0023-wildlife.ts';

// A static list instead of a folder scan: works the same under tsx, in tests and in a bundle.
const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-patrols': patrols,
  '0003-rule-versions': ruleVersions,
  '0004-duty-reports': dutyReports,
  '0005-patrol-observations': observations,
  '0006-files': files,
  '0007-problems': problems,
  '0008-observation-photos': observationPhotos,
  '0009-parcels': parcels,
  '0010-logging': logging,
  '0011-compensation': compensation,
  '0012-land-use': landUse,
  '0013-scattered-trees': scatteredTrees,
  '0014-ancient-trees': ancientTrees,
  '0015-parcel-tile-geometry': parcelTileGeometry,
  '0017-fire-bans-entry': fireBansEntry,
  '0016-fire-weather': fireWeather,
  '0019-fire-devices': fireDevices,
  '0018-fire-alarms': fireAlarms,
  '0020-fire-infrastructure': fireInfrastructure,
  '0021-workplans': workplans,
  '0022-pine-wilt': pineWilt,
  '0025-pest-quarantine': pestQuarantine,
  '0024-pest-surveys': pestSurveys,
  '0023-wildlife': wildlife,
  '0026-carbon': carbon,
  '0027-workplan-targets': workplanTargets,
  '0028-assessment': assessment,
  '0029-responsibility-snapshots': responsibilitySnapshots,
  '0030-assessment-results': assessmentResults,
};

export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationResultSet> {
  const untyped = db as Kysely<unknown>;
  // Kysely looks for its migration tables in every visible schema unless told which: with several schemas in one
  // database (tests, a province's counties) it would find another schema's and skip creating its own.
  const schema = isPostgres(untyped) ? (await sql<{ s: string }>`select current_schema() as s`.execute(untyped)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db: untyped,
    provider: { getMigrations: async () => migrations },
    // Capabilities are built in parallel and their migrations numbered ahead of time: one may land after a later
    // number already ran on a development database. Each migration only creates its own tables.
    allowUnorderedMigrations: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
