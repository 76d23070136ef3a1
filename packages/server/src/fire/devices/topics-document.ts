import { defaultDeviceTopicRoot, deviceAlarmKinds, maxDevicePayloadBytes } from '@linzhang/domain';

const time = (description: string) => ({ type: 'string', format: 'date-time', description: `${description}；带时区的 ISO 8601，不得晚于服务器收到时间 5 分钟以上` });

/**
 * The device protocol (issue 6 §8) as an OpenAPI extension (`x-device-topics`): MQTT is no HTTP path, so the topics
 * and the JSON schema of each payload sit beside the paths in the generated document. `checkDeviceMessage` in the
 * domain package is what enforces them; docs/api.md explains them for installers.
 */
export const deviceTopicsDocument = {
  description: `设备通过 MQTT 上报。主题：${defaultDeviceTopicRoot}/<区县代码6位>/devices/<设备编号>/<通道>；消息为 UTF-8 JSON 对象（至多 ${maxDevicePayloadBytes} 字节），v 为协议版本 1，不允许未定义字段。未登记的设备被记为“待接收”，其消息计数但不采信；格式错误的消息记录并计数，不影响其他消息。`,
  topicFilter: `${defaultDeviceTopicRoot}/+/devices/+/+`,
  qos: 1,
  channels: {
    heartbeat: {
      topic: `${defaultDeviceTopicRoot}/{countyCode}/devices/{deviceId}/heartbeat`,
      summary: '心跳：任何消息都刷新设备的最后在线时间；超过设备离线规则（device_rules）的分钟数无消息即报离线',
      payload: {
        type: 'object', additionalProperties: false, required: ['v'],
        properties: { v: { const: 1 }, at: time('设备时间（可选）'), battery: { type: 'number', minimum: 0, maximum: 100, description: '电量 %' }, signal: { type: 'number', minimum: -200, maximum: 100, description: '信号强度（dBm 或 0–100）' } },
      },
      example: { v: 1, battery: 87, signal: -71 },
    },
    entries: {
      topic: `${defaultDeviceTopicRoot}/{countyCode}/devices/{deviceId}/entries`,
      summary: '通行计数（智能卡口）：一个时段内经过的人数和车辆数，计入时段结束日（北京时间）的入林统计',
      payload: {
        type: 'object', additionalProperties: false, required: ['v', 'from', 'to', 'people', 'vehicles'],
        properties: {
          v: { const: 1 }, from: time('时段开始'), to: time('时段结束（晚于开始，不超过 24 小时）'),
          people: { type: 'integer', minimum: 0, maximum: 1_000_000 }, vehicles: { type: 'integer', minimum: 0, maximum: 1_000_000 },
        },
      },
      example: { v: 1, from: '2026-03-01T09:00:00+08:00', to: '2026-03-01T10:00:00+08:00', people: 14, vehicles: 3 },
    },
    alarm: {
      topic: `${defaultDeviceTopicRoot}/{countyCode}/devices/{deviceId}/alarm`,
      summary: '报警：已接收设备的报警转为火情记录（发现时间即 at，处置计时随即开始）；同一设备短时间内的重复报警并入同一火情',
      payload: {
        type: 'object', additionalProperties: false, required: ['v', 'kind', 'at'],
        properties: {
          v: { const: 1 }, kind: { enum: [...deviceAlarmKinds], description: 'smoke 烟雾、fire_source 火源（卡口识别到携带火种）、flame 明火、temperature 温度异常' },
          at: time('发现时间'), lon: { type: 'number', description: '火点经度（CGCS2000；与纬度同时给出；缺省为设备位置）' }, lat: { type: 'number', description: '火点纬度' },
          value: { type: 'number', minimum: -100, maximum: 2000, description: '测值：温度（°C）或置信度' },
          snapshot: { type: 'string', maxLength: 500, description: '截图在设备或视频平台上的地址或编号' }, note: { type: 'string', maxLength: 500 },
        },
      },
      example: { v: 1, kind: 'smoke', at: '2026-03-01T14:05:00+08:00', lon: 108.7712, lat: 28.8431, snapshot: 'nvr://cam-07/20260301140500.jpg' },
    },
  },
} as const;
