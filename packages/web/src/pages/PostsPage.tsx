import { Form, Input, Select } from 'antd';
import { ResourcePage } from '../components/ResourcePage.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { PersonSelect } from '../components/PersonSelect.tsx';
import type { Post } from '../api/types.ts';
import { options, postLevelNames, postRoleNames } from '../labels.ts';

const date = { pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式为 YYYY-MM-DD' };

export function PostsPage() {
  return (
    <ResourcePage<Post>
      title="林长与三员"
      resource="posts"
      rowKey={(p) => p.id}
      columns={[
        { title: '岗位', dataIndex: 'role', render: (v: string) => postRoleNames[v] ?? v },
        { title: '层级', dataIndex: 'level', render: (v: string) => postLevelNames[v] ?? v },
        { title: '姓名', dataIndex: 'personName' },
        { title: '区划', dataIndex: 'unitName', render: (v: string, p) => <span title={p.unitCode}>{v}</span> },
        { title: '任期', key: 'term', render: (_: unknown, p) => `${p.termStart} 至 ${p.termEnd ?? '今'}` },
      ]}
      filters={[
        { name: 'unit', kind: 'unit' },
        { name: 'role', kind: 'select', placeholder: '岗位', options: options(postRoleNames) },
        { name: 'level', kind: 'select', placeholder: '层级', options: options(postLevelNames) },
        { name: 'q', kind: 'search', placeholder: '姓名' },
      ]}
      formFields={() => (
        <>
          <Form.Item name="role" label="岗位" rules={[{ required: true, message: '请选择岗位' }]}><Select options={options(postRoleNames)} /></Form.Item>
          <Form.Item name="level" label="层级" rules={[{ required: true, message: '请选择层级' }]}><Select options={options(postLevelNames)} /></Form.Item>
          <Form.Item name="unitCode" label="区划" rules={[{ required: true, message: '请选择区划' }]}><UnitSelect style={{ width: '100%' }} /></Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) => (
              <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
                <PersonSelect initialLabel={getFieldValue('personName') as string | undefined} />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item name="termStart" label="任期开始" rules={[{ required: true, message: '请输入日期' }, date]}><Input placeholder="2024-01-01" /></Form.Item>
          <Form.Item name="termEnd" label="任期结束" rules={[date]}><Input placeholder="留空表示在任" /></Form.Item>
          <Form.Item name="personName" hidden><Input /></Form.Item>
        </>
      )}
      toBody={(v) => ({
        role: v.role, level: v.level, unitCode: v.unitCode, personId: v.personId, termStart: v.termStart, termEnd: v.termEnd ? v.termEnd : null,
      })}
    />
  );
}
