import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { Person } from '../api/types.ts';

const cache = new Map<string, Promise<string | null>>();

/** A name fetched once per address (`pick` takes it from the answer); `fallback` until then or if it cannot be read. */
export function RemoteName<T>({ url, pick, fallback }: { url: string; pick: (record: T) => string; fallback: string }) {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    let found = cache.get(url);
    if (!found) {
      found = api<T>('GET', url).then(pick, () => null);
      cache.set(url, found);
    }
    let live = true;
    void found.then((n) => live && setName(n));
    return () => { live = false; };
  }, [url]); // `pick` is the same function for a given address
  return <>{name ?? fallback}</>;
}

export function PersonName({ id }: { id: string }) {
  return <RemoteName<Person> url={`/api/people/${encodeURIComponent(id)}`} pick={(p) => p.name} fallback="" />;
}
