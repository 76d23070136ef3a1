import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** A job the server runs on a schedule; `run` judges the world as of a moment and says what it did. */
export interface ScheduledJob {
  name: string;
  title: string; // Chinese, for operators
  everyMinutes: number; // slots are multiples of this in Asia/Shanghai local time
  run(asOf: string): Promise<string>;
}

export interface JobOutcome {
  job: string;
  title: string;
  slot: string;
  status: 'ran' | 'already_ran' | 'failed';
  summary: string;
}

const SHANGHAI_MS = 8 * 3_600_000;

/** The start of the slot containing `asOf` for a job run every `everyMinutes` (aligned to Shanghai midnight). */
export function slotOf(asOf: string, everyMinutes: number): string {
  const local = Date.parse(asOf) + SHANGHAI_MS;
  const size = everyMinutes * 60_000;
  return new Date(Math.floor(local / size) * size - SHANGHAI_MS).toISOString();
}

/**
 * Runs every job whose current slot has not run yet. Jobs judge state (what is overdue, what is unsent), so one
 * run catches up on every slot missed since the last. The (job, slot) row is claimed before the job runs: a
 * second runner — another process, or the same command run twice — finds it taken and does nothing. A failed
 * job gives its slot back so the next run retries it.
 */
export async function runDueJobs(db: Kysely<Database>, jobs: readonly ScheduledJob[], asOf: string, now: () => Date = () => new Date()): Promise<JobOutcome[]> {
  const outcomes: JobOutcome[] = [];
  for (const job of jobs) {
    const slot = slotOf(asOf, job.everyMinutes);
    const claimed = await db
      .insertInto('job_runs')
      .values({ job: job.name, slot, started_at: now().toISOString(), finished_at: null, summary: null })
      .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
      const prior = await db.selectFrom('job_runs').select('summary').where('job', '=', job.name).where('slot', '=', slot).executeTakeFirst();
      outcomes.push({ job: job.name, title: job.title, slot, status: 'already_ran', summary: prior?.summary ?? '（正在运行）' });
      continue;
    }
    try {
      const summary = await job.run(asOf);
      await db.updateTable('job_runs').set({ finished_at: now().toISOString(), summary }).where('job', '=', job.name).where('slot', '=', slot).execute();
      outcomes.push({ job: job.name, title: job.title, slot, status: 'ran', summary });
    } catch (error) {
      await db.deleteFrom('job_runs').where('job', '=', job.name).where('slot', '=', slot).execute();
      outcomes.push({ job: job.name, title: job.title, slot, status: 'failed', summary: error instanceof Error ? error.message : String(error) });
    }
  }
  return outcomes;
}

/** A time given on the command line: ISO 8601; without an offset it is Asia/Shanghai local time. */
export function parseAsOf(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const time = m[2] ?? '00:00';
  const offset = m[3] ?? '+08:00';
  const ms = Date.parse(`${m[1]}T${time}${offset}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
