import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines, type TestEngine } from './engines.ts';
import { buildDemo } from '../src/demo/build-demo.ts';
import { createServices } from '../src/services.ts';
import { defaultSettings } from '../src/config/env.ts';
import { runDueJobs } from '../src/jobs/runner.ts';
import { scheduledJobs } from '../src/jobs/scheduled-jobs.ts';

// Issue 3 §4: "a reminder before the period ends" — the daily job reminds everyone still behind on a duty once
// per period (DOMAIN.md §1 weekly patrol for village chiefs and rangers; reminder window 48 h for a week).
describe.each(testEngines())('duty reminders on $name', (engine: TestEngine) => {
  let store: Awaited<ReturnType<TestEngine['open']>>;
  beforeAll(async () => {
    store = await engine.open();
    await buildDemo(store, '500242', new Date('2024-05-06T02:00:00Z'), { activity: false });
  });
  afterAll(() => store?.dispose());

  const remindersOf = async (username: string) =>
    store.db.selectFrom('notifications').innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['notifications.title', 'notifications.body']).where('users.username', '=', username).where('notifications.kind', '=', 'duty_reminder').execute();

  it('reminds a ranger with no patrol this week once, within the last two days of the week', async () => {
    let clock = new Date('2024-05-08T02:00:00Z'); // Wednesday: too early
    const services = createServices(store, defaultSettings, () => clock);
    const jobs = scheduledJobs(store, services, defaultSettings).filter((j) => j.name === 'duty-reminders');
    await runDueJobs(store.db, jobs, clock.toISOString());
    expect(await remindersOf('ranger-500242101200-1')).toEqual([]);

    clock = new Date('2024-05-11T02:00:00Z'); // Saturday 10:00 in Shanghai, 38 h before the week ends
    const ran = await runDueJobs(store.db, jobs, clock.toISOString());
    expect(ran[0]!.summary).toMatch(/^提醒 \d+ 人次$/);
    const sent = await remindersOf('ranger-500242101200-1');
    expect(sent).toEqual([{ title: '巡林提醒 2024-W19', body: expect.stringContaining('应巡林 1 次，已完成 0 次') }]);

    clock = new Date('2024-05-12T02:00:00Z'); // Sunday: a new daily slot, the same week — nothing new
    await runDueJobs(store.db, jobs, clock.toISOString());
    expect(await remindersOf('ranger-500242101200-1')).toHaveLength(1);
    // the village chief also owes a monthly report: not yet due (the month has 19 days left)
    expect((await remindersOf('chief-500242101200')).map((r) => r.title)).toEqual(['巡林提醒 2024-W19']);
  });
});
