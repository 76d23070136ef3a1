import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Unit } from '../api/types.ts';

const cache = new Map<string, Promise<string>>();

/** Shows a unit's short name for its code (fetched once per code). */
export function UnitName({ code }: { code: string }) {
  const [name, setName] = useState<string>(code);
  useEffect(() => {
    let found = cache.get(code);
    if (!found) {
      found = api<Unit>('GET', `/api/units/${code}`).then((u) => u.shortName, () => code);
      cache.set(code, found);
    }
    let live = true;
    void found.then((n) => live && setName(n));
    return () => { live = false; };
  }, [code]);
  return <span title={code}>{name}</span>;
}
