import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { api, query } from '../api/client.ts';
import type { Page, Post } from '../api/types.ts';
import { postRoleNames } from '../labels.ts';

/** Picks a post (林长 or 护林员) in a unit's subtree, e.g. the holder of a responsibility area. */
export function PostSelect(props: { unit?: string; value?: string | null; onChange?: (id: string | null) => void }) {
  const [items, setItems] = useState<{ value: string; label: string }[]>([]);
  const [q, setQ] = useState('');
  useEffect(() => {
    if (!props.unit) {
      setItems([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      void api<Page<Post>>('GET', `/api/posts${query({ unit: props.unit, q, limit: 100 })}`).then(
        (page) => live && setItems(page.items.map((p) => ({ value: p.id, label: `${postRoleNames[p.role] ?? p.role} · ${p.personName}（${p.unitName}）` }))),
        () => live && setItems([]),
      );
    }, 250);
    return () => { live = false; clearTimeout(timer); };
  }, [props.unit, q]);
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={props.value ?? undefined}
      onChange={(v?: string) => props.onChange?.(v ?? null)}
      options={items}
      disabled={!props.unit}
      placeholder={props.unit ? '输入姓名查找' : '请先选择所属区划'}
    />
  );
}
