import { useCallback, useMemo, useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Table, Typography, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api, ApiError, formFieldOf } from '../../api/client.ts';
import { usePaged } from '../../components/usePaged.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { errorText, type Group } from './infrastructure-types.ts';

type GroupValues = Omit<Group, 'id' | 'unitName' | 'members'> & { members?: string };

/** 十户联防 (DOMAIN.md §5): groups of about ten households with a head, registered per village. */
export function TenHouseholdGroups(props: { staff: boolean; onChanged: () => void }) {
  const [toast, holder] = message.useMessage();
  const [unit, setUnit] = useState<string | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const params = useMemo(() => ({ unit, q }), [unit, q]);
  const onError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, pagination, reload } = usePaged<Group>('/api/fire/ten-household-groups', params, onError);
  const [editing, setEditing] = useState<Group | 'new' | null>(null);
  const [form] = Form.useForm<GroupValues>();
  const open = (g: Group | 'new') => {
    form.resetFields();
    if (g !== 'new') form.setFieldsValue({ ...g, formedYear: g.formedYear ?? undefined, note: g.note ?? undefined, members: g.members.join('、') } as GroupValues);
    setEditing(g);
  };
  const save = async (v: GroupValues) => {
    const members = (v.members ?? '').split(/[、,，;；\s]+/).map((m) => m.trim()).filter(Boolean);
    const body = Object.fromEntries(Object.entries({ ...v, members }).filter(([, x]) => x !== undefined && x !== null && x !== ''));
    try {
      await api(editing === 'new' ? 'POST' : 'PUT', editing === 'new' ? '/api/fire/ten-household-groups' : `/api/fire/ten-household-groups/${(editing as Group).id}`, body);
      setEditing(null);
      void toast.success('已保存联防组');
      void reload();
      props.onChanged();
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: formFieldOf(x) ?? '', errors: [x.message] })).filter((x) => x.name) as never);
      void toast.error(errorText(e));
    }
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap>
          <UnitSelect value={unit} onChange={setUnit} allowClear placeholder="区划" style={{ width: 220 }} />
          <Input.Search allowClear placeholder="组名、组长" onSearch={(v) => setQ(v || undefined)} style={{ width: 200 }} />
          <Typography.Text type="secondary">共 {data.total} 个联防组，{data.items.reduce((s, g) => s + g.householdCount, 0)} 户（本页）</Typography.Text>
        </Space>
        {props.staff && <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>登记联防组</Button>}
      </Space>
      <Table<Group> rowKey="id" size="small" loading={loading} dataSource={data.items} pagination={pagination} locale={{ emptyText: '尚无十户联防组' }}
        columns={[
          { title: '村', dataIndex: 'unitName' },
          { title: '联防组', dataIndex: 'name' },
          { title: '组长', dataIndex: 'headName' },
          { title: '电话', dataIndex: 'headPhone' },
          { title: '户数', dataIndex: 'householdCount' },
          { title: '成员户', dataIndex: 'members', render: (m: string[]) => <Typography.Text style={{ maxWidth: 320 }} ellipsis={{ tooltip: m.join('、') }}>{m.join('、') || '—'}</Typography.Text> },
          { title: '成立', dataIndex: 'formedYear', render: (y: number | null) => (y ? `${y} 年` : '—') },
          ...(props.staff ? [{ title: '', key: 'ops', render: (_: unknown, g: Group) => (
            <Space>
              <Button size="small" onClick={() => open(g)}>修改</Button>
              <Popconfirm title="删除该联防组？" okText="删除" cancelText="取消" onConfirm={() => void api('DELETE', `/api/fire/ten-household-groups/${g.id}`).then(() => { void reload(); props.onChanged(); }, (e: unknown) => void toast.error(errorText(e)))}>
                <Button size="small" danger>删除</Button>
              </Popconfirm>
            </Space>
          ) }] : []),
        ]} />
      <Modal title={editing === 'new' ? '登记十户联防组' : '修改十户联防组'} open={!!editing} onCancel={() => setEditing(null)} onOk={() => form.submit()} okText="保存" forceRender>
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          <Form.Item name="unitCode" label="村（社区）" rules={[{ required: true, message: '请选择村' }]}><UnitSelect /></Form.Item>
          <Space wrap>
            <Form.Item name="name" label="组名" rules={[{ required: true, message: '请填写组名' }]}><Input style={{ width: 180 }} /></Form.Item>
            <Form.Item name="householdCount" label="户数" rules={[{ required: true, message: '请填写户数' }]}><InputNumber min={1} max={50} precision={0} style={{ width: 90 }} /></Form.Item>
            <Form.Item name="formedYear" label="成立年份"><InputNumber min={1990} max={2100} precision={0} style={{ width: 100 }} /></Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="headName" label="组长" rules={[{ required: true, message: '请填写组长' }]}><Input style={{ width: 140 }} /></Form.Item>
            <Form.Item name="headPhone" label="组长电话" rules={[{ required: true, message: '请填写电话' }]}><Input style={{ width: 160 }} /></Form.Item>
          </Space>
          <Form.Item name="members" label="成员户（户主姓名，用顿号分隔，可不填）"><Input.TextArea rows={2} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
