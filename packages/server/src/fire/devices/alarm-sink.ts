import type { DeviceAlarmKind } from '@linzhang/domain';

/**
 * Where a device's alarm goes (contract C, fire-alarms' `FireAlarmService.fromDevice`): a fire record in state
 * 'discovered' with its timers started at `at`, or the alarm added to the device's open record. Declared here,
 * narrowly, so that the device ingest depends on nothing else of the fire-alarm service.
 */
export interface FireAlarmSink {
  fromDevice(alarm: {
    deviceId: string;
    deviceName: string;
    kind: DeviceAlarmKind;
    at: string; // ISO UTC
    lon: number;
    lat: number;
    unitCode?: string;
    note?: string;
  }): Promise<{ fireId: string; created: boolean }>;
}
