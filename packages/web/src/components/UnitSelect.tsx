import { useCallback, useEffect, useState } from 'react';
import { isInScope, parentCodeOf } from '@linzhang/domain';
import { TreeSelect } from 'antd';
import { api, query } from '../api/client.ts';
import type { Page, Unit } from '../api/types.ts';
import { useUser } from '../auth.tsx';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

const toNode = (u: Unit, parent: string | null): Node => ({
  id: u.code, pId: parent, value: u.code, title: `${u.shortName}`, isLeaf: u.level === 'village',
});

/** Picks a unit of the user's scope, loading the tree a level at a time. */
export function UnitSelect(props: { id?: string; value?: string; onChange?: (code: string | undefined) => void; placeholder?: string; allowClear?: boolean; style?: React.CSSProperties }) {
  const user = useUser();
  const [nodes, setNodes] = useState<Node[]>([]);

  useEffect(() => {
    void api<Unit>('GET', `/api/units/${user.scopeUnit.code}`).then((root) => setNodes([toNode(root, null)]));
  }, [user.scopeUnit.code]);

  const loadChildren = useCallback(async (code: string) => {
    const page = await api<Page<Unit>>('GET', `/api/units${query({ parent: code, limit: 500 })}`);
    setNodes((old) => [...old, ...page.items.filter((u) => !old.some((n) => n.id === u.code)).map((u) => toNode(u, code))]);
  }, []);

  // A value set from outside (a link, a drill-down) deep in the tree: load the branch down to it, so its name shows.
  const known = nodes.some((n) => n.id === props.value);
  useEffect(() => {
    if (!props.value || known || !isInScope(props.value, user.scopeUnit.code)) return;
    const path: string[] = [];
    for (let code = parentCodeOf(props.value); code && isInScope(code, user.scopeUnit.code); code = parentCodeOf(code)) path.unshift(code);
    void (async () => {
      for (const code of path) await loadChildren(code);
    })().catch(() => undefined);
  }, [props.value, known, user.scopeUnit.code, loadChildren]);

  return (
    <TreeSelect
      id={props.id}
      treeDataSimpleMode
      treeData={nodes}
      value={props.value}
      onChange={(v: string | undefined) => props.onChange?.(v)}
      loadData={(node) => loadChildren(String(node.value))}
      placeholder={props.placeholder ?? '选择行政区划'}
      allowClear={props.allowClear ?? true}
      showSearch={false}
      style={props.style ?? { width: 220 }}
    />
  );
}
