import { Form, Input, Select } from 'antd';
import { ResourcePage } from '../components/ResourcePage.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import { UnitName } from '../components/UnitName.tsx';
import type { Organisation } from '../api/types.ts';
import { options, organisationKindNames } from '../labels.ts';

export function OrganisationsPage() {
  return (
    <ResourcePage<Organisation>
      title="组织机构"
      resource="organisations"
      rowKey={(o) => o.id}
      columns={[
        { title: '名称', dataIndex: 'name' },
        { title: '类型', dataIndex: 'kind', render: (v: string) => organisationKindNames[v] ?? v },
        { title: '所属区划', dataIndex: 'unitCode', render: (v: string) => <UnitName code={v} /> },
      ]}
      filters={[
        { name: 'unit', kind: 'unit' },
        { name: 'kind', kind: 'select', placeholder: '类型', options: options(organisationKindNames) },
        { name: 'q', kind: 'search', placeholder: '名称' },
      ]}
      formFields={() => (
        <>
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请输入名称' }, { max: 100 }]}><Input /></Form.Item>
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}><Select options={options(organisationKindNames)} /></Form.Item>
          <Form.Item name="unitCode" label="所属区划" rules={[{ required: true, message: '请选择区划' }]}><UnitSelect style={{ width: '100%' }} /></Form.Item>
        </>
      )}
      toBody={(v) => ({ name: v.name, kind: v.kind, unitCode: v.unitCode })}
    />
  );
}
