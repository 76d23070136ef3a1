import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from './engines.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { buildDemoFires } from '../src/demo/demo-fires.ts';
import type { Store } from '../src/db/connect.ts';
import { RuleService } from '../src/rules/service.ts';
import { FireAlarmService } from '../src/fire/alarms/service.ts';
import { fireTimerStates, type FireStatus } from '@linzhang/domain';

// Issue 6 §6 demo: a handful of fires over the demo year in several states, run through the services.
const NOW = new Date('2026-09-15T06:00:00Z');

describe.each(testEngines())('demo fires on $name', (engine: TestEngine) => {
  let store: Store & { dispose(): Promise<void> };
  beforeAll(async () => {
    store = await engine.open();
    await buildDemo(store, '500242', NOW, { activity: false });
  });
  afterAll(() => store?.dispose());

  it('builds six fires: one open with a breached timer, a false alarm, a 较大 fire with losses, each with its problem', async () => {
    expect(await buildDemoFires(store, '500242', NOW)).toBe(6);
    const rows = await store.db.selectFrom('fire_records').selectAll().orderBy('discovered_at').execute();
    expect(rows.map((r) => r.status)).toEqual(['out', 'out', 'false_alarm', 'out', 'dismissed', 'verified']);
    expect(rows.map((r) => r.source)).toEqual(['patrol', 'other', 'camera', 'device', 'satellite', 'patrol']);
    expect(rows[1]).toMatchObject({ forest_burned_ha: 8.6, economic_loss_yuan: 186000, injuries: 1 });
    expect(rows.every((r) => r.problem_id)).toBe(true);
    const open = rows[5]!;
    const timers = fireTimerStates(await new RuleService(store).fireResponseTimersAt('2026-09-15'), FireAlarmService.stepsOf({ ...open, unit_name: '' }), open.status as FireStatus, NOW.toISOString());
    expect(timers.map((t) => t.status)).toEqual(['met', 'breached', 'breached']);
    expect(timers[2]!.open).toBe(true);
    const alerts = await store.db.selectFrom('notifications').select('title').where('kind', '=', 'fire_timer').execute();
    expect(alerts.length).toBeGreaterThan(0);
  });
});
