import { useCallback, useState, type ReactNode } from 'react';
import { Button, Card, Drawer, Form, Input, Select, Space, Table, Typography, message } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../api/client.ts';
import { UnitSelect } from './UnitSelect.tsx';
import { usePaged } from './usePaged.ts';
import { useUser } from '../auth.tsx';
import { initialParam } from '../url-params.ts';
import { applyServerErrors } from '../api/form-errors.ts';

export type FilterDef =
  | { name: string; kind: 'unit'; placeholder?: string }
  | { name: string; kind: 'select'; placeholder: string; options: { value: string; label: string }[] }
  | { name: string; kind: 'search'; placeholder: string };

export interface ResourcePageProps<T extends object> {
  title: string;
  resource: string; // URL segment under /api
  rowKey: (record: T) => string;
  columns: ColumnsType<T>;
  filters: FilterDef[];
  /** The form's fields; `mode` tells create from edit. */
  formFields?: (mode: 'create' | 'edit') => ReactNode;
  toBody?: (values: Record<string, unknown>, mode: 'create' | 'edit') => unknown;
  toFormValues?: (record: T) => Promise<Record<string, unknown>> | Record<string, unknown>;
  extra?: ReactNode;
  /** Lists that are written elsewhere (e.g. patrols, from the phone): no create or edit here. */
  readOnly?: boolean;
  onRowClick?: (record: T) => void;
}

const writers = ['admin', 'staff', 'chief'];

/** A list with server-side paging and filters, and a drawer to create or edit one record. */
export function ResourcePage<T extends object>(props: ResourcePageProps<T>) {
  const user = useUser();
  const canEdit = !props.readOnly && !!props.formFields && !!props.toBody && user.roles.some((r) => writers.includes(r));
  // A link may open the list filtered (?unit=…&role=…): the filters it names start from the address.
  const [filters, setFilters] = useState<Record<string, string | undefined>>(() => Object.fromEntries(props.filters.map((f) => [f.name, initialParam(f.name)]).filter(([, v]) => v !== undefined)));
  const [editing, setEditing] = useState<{ mode: 'create' | 'edit'; id?: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const [toast, toastHolder] = message.useMessage();
  const showError = useCallback((m: string) => void toast.error(m), [toast]);
  const { data, loading, reload: load, pagination } = usePaged<T>(`/api/${props.resource}`, filters, showError);

  const setFilter = (name: string, value: string | undefined) => setFilters((f) => ({ ...f, [name]: value || undefined }));

  const openEdit = async (record: T) => {
    form.resetFields();
    form.setFieldsValue(props.toFormValues ? await props.toFormValues(record) : record);
    setEditing({ mode: 'edit', id: props.rowKey(record) });
  };

  const save = async () => {
    if (!editing) return;
    const values = (await form.validateFields()) as Record<string, unknown>;
    setSaving(true);
    try {
      const body = props.toBody!(values, editing.mode);
      if (editing.mode === 'create') await api('POST', `/api/${props.resource}`, body);
      else await api('PATCH', `/api/${props.resource}/${editing.id}`, body);
      void toast.success('已保存');
      setEditing(null);
      void load();
    } catch (e) {
      // Field errors on the form's fields; the toast carries the Chinese summary (and errors the form does not show).
      void toast.error(applyServerErrors(form, e));
    } finally {
      setSaving(false);
    }
  };

  const columns: ColumnsType<T> = canEdit
    ? [...props.columns, { title: '操作', key: 'actions', width: 80, render: (_: unknown, r: T) => <a onClick={() => void openEdit(r)}>编辑</a> }]
    : props.columns;

  return (
    <Card>
      {toastHolder}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{props.title}</Typography.Title>
        <Space wrap>
          {props.filters.map((f) =>
            f.kind === 'unit' ? (
              <UnitSelect key={f.name} value={filters[f.name]} onChange={(v) => setFilter(f.name, v)} placeholder={f.placeholder ?? '所属区划'} />
            ) : f.kind === 'select' ? (
              <Select key={f.name} allowClear placeholder={f.placeholder} options={f.options} style={{ width: 140 }} value={filters[f.name]} onChange={(v?: string) => setFilter(f.name, v)} />
            ) : (
              <Input.Search key={f.name} allowClear placeholder={f.placeholder} style={{ width: 200 }} onSearch={(v) => setFilter(f.name, v.trim())} />
            ),
          )}
          {props.extra}
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { form.resetFields(); setEditing({ mode: 'create' }); }}>
              新建
            </Button>
          )}
        </Space>
      </Space>
      <Table<T>
        rowKey={props.rowKey}
        columns={columns}
        dataSource={data.items}
        loading={loading}
        onRow={props.onRowClick ? (record) => ({ onClick: () => props.onRowClick!(record), style: { cursor: 'pointer' } }) : undefined}
        size="middle"
        pagination={pagination}
      />
      <Drawer
        title={editing?.mode === 'create' ? `新建${props.title}` : `编辑${props.title}`}
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={480}
        extra={<Button type="primary" loading={saving} onClick={() => void save()}>保存</Button>}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">{editing && props.formFields?.(editing.mode)}</Form>
      </Drawer>
    </Card>
  );
}
