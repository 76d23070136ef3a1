import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { runDueJobs, type ScheduledJob } from './runner.ts';

/**
 * The in-process scheduler of `serve`: once a minute, run whatever is due (the jobs table keeps two server
 * processes, or a server and an operator's `jobs run`, from running one slot twice).
 */
export function startScheduler(db: Kysely<Database>, jobs: readonly ScheduledJob[], log: (line: string) => void, everyMs = 60_000): { stop(): void } {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const o of await runDueJobs(db, jobs, new Date().toISOString())) {
        if (o.status !== 'already_ran') log(`job ${o.job} ${o.status}: ${o.summary}`);
      }
    } catch (error) {
      log(`scheduler: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  setTimeout(() => void tick(), 5_000).unref();
  return { stop: () => clearInterval(timer) };
}
