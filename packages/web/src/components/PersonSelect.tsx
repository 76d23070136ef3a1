import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api, query } from '../api/client.ts';
import type { Page, Person } from '../api/types.ts';
import { UnitName } from './UnitName.tsx';

/** Finds a person of the user's scope (or of `unit`, when given) by name (server-side search). */
export function PersonSelect(props: { id?: string; value?: string; onChange?: (id: string) => void; initialLabel?: string; unit?: string }) {
  const [items, setItems] = useState<{ value: string; label: React.ReactNode }[]>(
    props.value && props.initialLabel ? [{ value: props.value, label: props.initialLabel }] : [],
  );
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => {
      void api<Page<Person>>('GET', `/api/people${query({ q, unit: props.unit, limit: 20 })}`).then((page) =>
        setItems(page.items.map((p) => ({ value: p.id, label: <span>{p.name}（<UnitName code={p.unitCode} />）</span> }))),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [q, props.unit]);
  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={(v: string) => props.onChange?.(v)}
      options={items}
      placeholder="输入姓名查找"
    />
  );
}
