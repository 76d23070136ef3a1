import { Type } from '@sinclair/typebox';
import { viewer, type TypedApp } from '../http/app.ts';
import { Strict } from '../http/schemas.ts';
import { tileLayers, type TileService } from './service.ts';

export async function tileRoutes(app: TypedApp, tiles: TileService): Promise<void> {
  app.get(
    '/api/tiles/:layer/:z/:x/:y.pbf',
    {
      schema: {
        tags: ['tiles'],
        summary: '矢量瓦片（仅本人数据范围内的要素）',
        params: Strict({
          layer: Type.Union(tileLayers.map((l) => Type.Literal(l))),
          z: Type.Integer({ minimum: 0, maximum: 22 }),
          x: Type.Integer({ minimum: 0 }),
          y: Type.Integer({ minimum: 0 }),
        }),
      },
    },
    async (request, reply) => {
      const { layer, z, x, y } = request.params;
      const max = 2 ** z;
      if (x >= max || y >= max) return reply.status(204).send();
      const tile = await tiles.tile(viewer(request), layer, z, x, y);
      void reply.header('cache-control', 'private, max-age=60');
      if (!tile) return reply.status(204).send();
      return reply.type('application/vnd.mapbox-vector-tile').send(Buffer.from(tile));
    },
  );
}
