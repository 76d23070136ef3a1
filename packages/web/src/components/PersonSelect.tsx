import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api, query } from '../api/client.ts';
import type { Page, Person } from '../api/types.ts';

/** Finds a person of the user's scope by name (server-side search). */
export function PersonSelect(props: { value?: string; onChange?: (id: string) => void; initialLabel?: string }) {
  const [items, setItems] = useState<{ value: string; label: string }[]>(
    props.value && props.initialLabel ? [{ value: props.value, label: props.initialLabel }] : [],
  );
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => {
      void api<Page<Person>>('GET', `/api/people${query({ q, limit: 20 })}`).then((page) =>
        setItems(page.items.map((p) => ({ value: p.id, label: `${p.name}（${p.unitCode}）` }))),
      );
    }, 250);
    return () => clearTimeout(timer);
  }, [q]);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value}
      onChange={(v: string) => props.onChange?.(v)}
      options={items}
      placeholder="输入姓名查找"
    />
  );
}
