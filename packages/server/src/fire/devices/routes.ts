import { Type } from '@sinclair/typebox';
import { deviceAlarmKinds, deviceKinds } from '@linzhang/domain';
import { viewer, type TypedApp } from '../../http/app.ts';
import { unwrap } from '../../http/problem.ts';
import { IdParams, Page, PageQuery, Strict, lit } from '../../http/schemas.ts';
import type { DeviceService } from './service.ts';

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Number> | ReturnType<typeof Type.Boolean>>(t: T) => Type.Union([t, Type.Null()]);
const registrations = ['pending', 'accepted', 'rejected'] as const;
const Counts = Type.Object({ messages: Type.Integer(), invalid: Type.Integer(), alarms: Type.Integer(), people: Type.Integer(), vehicles: Type.Integer() });
const Device = Type.Object({
  id: Type.String(), countyCode: Type.String(), deviceId: Type.String({ description: '设备编号（即主题中的 deviceId）' }), kind: lit(deviceKinds), name: Type.String(),
  unitCode: Type.String(), unitName: Type.String(), lon: Nullable(Type.Number()), lat: Nullable(Type.Number()), belongsTo: Nullable(Type.String()), active: Type.Boolean(),
  registration: lit(registrations), status: lit(['online', 'offline', 'never', 'pending', 'rejected', 'inactive'] as const),
  firstSeenAt: Nullable(Type.String()), lastSeenAt: Nullable(Type.String()), offlineSince: Nullable(Type.String()),
  battery: Nullable(Type.Number()), signal: Nullable(Type.Number()), note: Nullable(Type.String()), today: Counts,
});
const Alarm = Type.Object({
  id: Type.String(), deviceRef: Type.String(), deviceId: Type.String(), deviceName: Type.String(), kind: lit(deviceAlarmKinds), at: Type.String(),
  lon: Nullable(Type.Number()), lat: Nullable(Type.Number()), value: Nullable(Type.Number()), snapshot: Nullable(Type.String()), note: Nullable(Type.String()),
  receivedAt: Type.String(), fireId: Nullable(Type.String()), fireCreated: Nullable(Type.Boolean()), forwardError: Nullable(Type.String({ description: '报警为何未转为火情' })),
});
const DeviceBody = {
  kind: lit(deviceKinds), name: Type.String({ minLength: 1, maxLength: 100 }),
  lon: Type.Number({ minimum: 73, maximum: 136 }), lat: Type.Number({ minimum: 3, maximum: 54 }),
  belongsTo: Type.Optional(Type.String({ maxLength: 200, description: '所属卡口、检查站或防火设施（暂为文字）' })),
  active: Type.Optional(Type.Boolean()), note: Type.Optional(Type.String({ maxLength: 500 })),
};

export async function deviceRoutes(app: TypedApp, service: DeviceService): Promise<void> {
  app.get('/api/fire/devices', {
    schema: {
      tags: ['fire'], summary: '设备名录与状态（智能卡口、视频监控、烟感），含今日消息数与通行计数',
      querystring: Strict({ ...PageQuery, registration: Type.Optional(lit(registrations)), kind: Type.Optional(lit(deviceKinds)), offline: Type.Optional(Type.Boolean()) }),
      response: { 200: Page(Device) },
    },
  }, async (request) => unwrap(await service.list(viewer(request), request.query)));
  app.post('/api/fire/devices', {
    schema: {
      tags: ['fire'], summary: '登记设备：按位置确定所属村与区县，设备编号县内唯一',
      body: Strict({ deviceId: Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$', description: '设备编号：字母、数字、. _ -，至多 64 位' }), ...DeviceBody }),
      response: { 201: Device },
    },
  }, async (request, reply) => reply.code(201).send(unwrap(await service.register(viewer(request), request.body))));
  app.get('/api/fire/devices/alarms', {
    schema: { tags: ['fire'], summary: '最近的设备报警及其转成的火情', querystring: Strict({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) }), response: { 200: Type.Array(Alarm) } },
  }, async (request) => unwrap(await service.alarms(viewer(request), request.query.limit)));
  app.get('/api/fire/devices/ingest', {
    schema: {
      tags: ['fire'], summary: '设备接入状态：MQTT 连接、主题根、今昨两日无法归属设备的消息',
      response: {
        200: Type.Object({
          link: Type.Object({ mode: lit(['off', 'external', 'embedded'] as const), url: Nullable(Type.String()), connected: Type.Boolean(), lastError: Nullable(Type.String()), since: Nullable(Type.String()) }),
          topicRoot: Type.String(),
          rejects: Type.Array(Type.Object({ day: Type.String(), reason: Type.String(), count: Type.Integer(), lastTopic: Type.String(), lastError: Type.String(), lastAt: Type.String() })),
        }),
      },
    },
  }, async (request) => unwrap(await service.ingestStatus(viewer(request))));
  app.get('/api/fire/devices/:id', {
    schema: {
      tags: ['fire'], summary: '设备详情：近 14 日计数、最近消息原文与报警', params: IdParams,
      response: {
        200: Type.Intersect([Device, Type.Object({
          days: Type.Array(Type.Intersect([Type.Object({ day: Type.String() }), Counts])),
          messages: Type.Array(Type.Object({ receivedAt: Type.String(), channel: Type.String(), payload: Type.String(), valid: Type.Boolean(), error: Nullable(Type.String()) })),
          alarms: Type.Array(Alarm),
        })]),
      },
    },
  }, async (request) => unwrap(await service.get(viewer(request), request.params.id)));
  app.put('/api/fire/devices/:id', {
    schema: { tags: ['fire'], summary: '修改设备；待接收的设备填写类型与位置后即为接收', params: IdParams, body: Strict(DeviceBody), response: { 200: Device } },
  }, async (request) => unwrap(await service.update(viewer(request), request.params.id, request.body)));
  app.post('/api/fire/devices/:id/reject', {
    schema: { tags: ['fire'], summary: '拒绝待接收的设备（其消息仍计数，但不采信）', params: IdParams, response: { 200: Device } },
  }, async (request) => unwrap(await service.reject(viewer(request), request.params.id)));
}
