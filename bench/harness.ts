import { performance } from 'node:perf_hooks';
import type { TestEngine } from '../packages/server/test/engines.ts';

export interface Row {
  engine: string;
  workload: string;
  result: string;
}

export interface Workload {
  name: string;
  run(engine: TestEngine, report: (workload: string, result: string) => void): Promise<void>;
}

export async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, performance.now() - t0];
}

export const perSecond = (count: number, ms: number): string => `${Math.round((count / ms) * 1000).toLocaleString('en-US')}/s`;
