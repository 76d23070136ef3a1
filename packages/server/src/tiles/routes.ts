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
        summary: '矢量瓦片（仅本人数据范围内的要素）：区划、责任区、小班（z8 起，按台账年度）、古树名木、使用林地、防火设施（线与点）、问题（问题点不缓存）',
        params: Strict({
          layer: Type.Union(tileLayers.map((l) => Type.Literal(l))),
          z: Type.Integer({ minimum: 0, maximum: 22 }),
          x: Type.Integer({ minimum: 0 }),
          y: Type.Integer({ minimum: 0 }),
        }),
        querystring: Strict({
          year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: '小班图层的台账年度（默认最新）' })),
          v: Type.Optional(Type.String({ maxLength: 20, description: '页面编辑后用于刷新地图的序号（服务器忽略）' })),
        }),
      },
    },
    async (request, reply) => {
      const { layer, z, x, y } = request.params;
      const max = 2 ** z;
      if (x >= max || y >= max) return reply.status(204).send();
      const who = viewer(request);
      const { etag, year } = await tiles.version(who, layer, request.query.year);
      // Revalidated on every use: the ETag changes with an import or edit of the layer (parcels: of that year).
      void reply.header('cache-control', 'private, no-cache').header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      const tile = await tiles.tile(who, layer, z, x, y, year ?? undefined);
      if (!tile) return reply.status(204).send();
      return reply.type('application/vnd.mapbox-vector-tile').send(Buffer.from(tile));
    },
  );
}
