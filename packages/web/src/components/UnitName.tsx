import type { Unit } from '../api/types.ts';
import { RemoteName } from './RemoteName.tsx';

/** Shows a unit's short name for its code (fetched once per code). */
export function UnitName({ code }: { code: string }) {
  return <span title={code}><RemoteName<Unit> url={`/api/units/${code}`} pick={(u) => u.shortName} fallback={code} /></span>;
}
