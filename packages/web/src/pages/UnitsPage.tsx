import { Form, Input, Select } from 'antd';
import { ResourcePage } from '../components/ResourcePage.tsx';
import { UnitSelect } from '../components/UnitSelect.tsx';
import type { Unit } from '../api/types.ts';
import { areaText, options, unitLevelNames } from '../labels.ts';

export function UnitsPage() {
  return (
    <ResourcePage<Unit>
      title="行政区划"
      resource="units"
      rowKey={(u) => u.code}
      columns={[
        { title: '名称', dataIndex: 'shortName', render: (v: string, u) => <span title={u.name}>{v}</span> },
        { title: '区划代码', dataIndex: 'code' },
        { title: '层级', dataIndex: 'level', render: (v: string) => unitLevelNames[v] ?? v },
        { title: '类型', dataIndex: 'kind' },
        { title: '面积', dataIndex: 'areaM2', render: (v: number | null) => areaText(v) },
      ]}
      filters={[
        { name: 'parent', kind: 'unit', placeholder: '上级区划' },
        { name: 'level', kind: 'select', placeholder: '层级', options: options(unitLevelNames) },
        { name: 'q', kind: 'search', placeholder: '名称或代码' },
      ]}
      formFields={(mode) => (
        <>
          <Form.Item name="code" label="区划代码" rules={[{ required: true, message: '请输入区划代码' }, { pattern: /^\d{12}$/, message: '应为 12 位数字' }]}>
            <Input disabled={mode === 'edit'} placeholder="12 位统计用区划代码" />
          </Form.Item>
          <Form.Item name="name" label="正式名称" rules={[{ required: true, message: '请输入名称' }, { max: 100 }]}>
            <Input placeholder="如 包家村村民委员会" />
          </Form.Item>
          {mode === 'create' && (
            <>
              <Form.Item name="level" label="层级" rules={[{ required: true, message: '请选择层级' }]}>
                <Select options={options(unitLevelNames).filter((o) => o.value !== 'province')} />
              </Form.Item>
              <Form.Item name="parentCode" label="上级区划" rules={[{ required: true, message: '请选择上级区划' }]}>
                <UnitSelect style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
        </>
      )}
      toBody={(v, mode) => (mode === 'create' ? { code: v.code, name: v.name, level: v.level, parentCode: v.parentCode } : { name: v.name })}
    />
  );
}
