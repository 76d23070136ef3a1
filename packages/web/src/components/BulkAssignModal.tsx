import { useState } from 'react';
import { Alert, Form, Modal, Table, Tag, Typography } from 'antd';
import type { Problem } from '@linzhang/domain';
import { api, ApiError } from '../api/client.ts';
import { AssignFields, type AssignValues } from './AssignFields.tsx';

interface BulkResult {
  id: string;
  ok: boolean;
  message: string | null;
}

/** 批量交办: one person (and unit) for every selected problem; the server checks each one and says how it went. */
export function BulkAssignModal({ problems, open, onClose }: { problems: Problem[]; open: boolean; onClose: (changed: boolean) => void }) {
  const [form] = Form.useForm<AssignValues>();
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titles = new Map(problems.map((p) => [p.id, p.title]));

  const submit = async (v: AssignValues) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ results: BulkResult[] }>('POST', '/api/problems/bulk-assign', {
        items: problems.map((p) => ({ id: p.id, version: p.version })),
        assigneePersonId: v.assigneePersonId,
        ...(v.assigneeUnitCode ? { assigneeUnitCode: v.assigneeUnitCode } : {}),
      });
      setResults(r.results);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '交办失败');
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    const changed = results !== null;
    setResults(null);
    setError(null);
    form.resetFields();
    onClose(changed);
  };

  return (
    <Modal title={`批量交办（${problems.length} 件）`} open={open} onCancel={close} destroyOnHidden width={560}
      okText={results ? '完成' : '交办'} cancelText="取消" confirmLoading={busy}
      onOk={() => (results ? close() : form.submit())} cancelButtonProps={{ style: results ? { display: 'none' } : {} }}>
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      {results ? (
        <Table<BulkResult> rowKey="id" size="small" pagination={false} dataSource={results} data-testid="bulk-results"
          columns={[
            { title: '问题', dataIndex: 'id', render: (id: string) => titles.get(id) ?? id },
            { title: '结果', key: 'ok', width: 220, render: (_: unknown, r) => (r.ok ? <Tag color="green">已交办</Tag> : <Typography.Text type="danger">{r.message ?? '失败'}</Typography.Text>) },
          ]} />
      ) : (
        <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
          <AssignFields />
        </Form>
      )}
    </Modal>
  );
}
