import { Form, Input } from 'antd';
import { ResourcePage } from '../components/ResourcePage.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { UnitName } from '../components/UnitName.tsx';
import type { Person } from '../api/types.ts';

export function PeoplePage() {
  return (
    <ResourcePage<Person>
      title="人员"
      resource="people"
      rowKey={(p) => p.id}
      columns={[
        { title: '姓名', dataIndex: 'name' },
        { title: '电话', dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
        { title: '所属区划', dataIndex: 'unitCode', render: (v: string) => <UnitName code={v} /> },
      ]}
      filters={[{ name: 'unit', kind: 'unit' }, { name: 'q', kind: 'search', placeholder: '姓名' }]}
      formFields={() => (
        <>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请输入姓名' }, { max: 100 }]}><Input /></Form.Item>
          <Form.Item name="phone" label="电话" rules={[{ pattern: /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, message: '请输入手机号或固定电话' }]}><Input /></Form.Item>
          <Form.Item name="unitCode" label="所属区划" rules={[{ required: true, message: '请选择区划' }]}><UnitSelect style={{ width: '100%' }} /></Form.Item>
        </>
      )}
      toBody={(v) => ({ name: v.name, phone: v.phone ? v.phone : null, unitCode: v.unitCode })}
    />
  );
}
