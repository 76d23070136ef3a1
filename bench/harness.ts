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

/** The z/x/y tiles covering a lon/lat box; with `max`, an even sample of at most that many. */
export function tilesCovering(box: [number, number, number, number], z: number, max = Infinity): [number, number][] {
  const n = 2 ** z;
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  };
  const out: [number, number][] = [];
  for (let x = tx(box[0]); x <= tx(box[2]); x++) for (let y = ty(box[3]); y <= ty(box[1]); y++) out.push([x, y]);
  if (out.length <= max) return out;
  const step = out.length / max;
  return Array.from({ length: max }, (_, i) => out[Math.floor(i * step)]!);
}
