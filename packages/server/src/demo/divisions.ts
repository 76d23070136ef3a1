import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Chongqing's statistical divisions (NBS codes and official names), extracted once into the repository. */
export interface Divisions {
  source: string;
  province: [code: string, name: string];
  counties: [code: string, name: string][];
  towns: [code: string, name: string][];
  villages: [code: string, name: string][];
}

let cached: Divisions | null = null;

export function chongqingDivisions(): Divisions {
  cached ??= JSON.parse(
    readFileSync(fileURLToPath(new URL('../../seed/chongqing-divisions.json', import.meta.url)), 'utf8'),
  ) as Divisions;
  return cached;
}
