import { useState } from 'react';
import { Button, Card, Drawer, Form, Input, Typography, message } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { ResourcePage } from '../components/ResourcePage.tsx';
import { api, ApiError } from '../api/client.ts';
import { useUser } from '../auth.tsx';
import { localTime } from '../labels.ts';
import { newClientId } from '../mobile/ids.ts';

import type { DutyReport } from '@linzhang/domain';

/** 巡林 › 林长报告: chiefs write their periodic report upward; everyone above reads those of their area. */
export function ReportsPage() {
  const user = useUser();
  const [open, setOpen] = useState(false);
  const [reading, setReading] = useState<DutyReport | null>(null);
  const [version, setVersion] = useState(0);
  const [form] = Form.useForm();
  const [toast, holder] = message.useMessage();
  // One id per draft: pressing 提交 twice (or a retry after a lost answer) files one report.
  const [draftId, setDraftId] = useState(() => newClientId('report'));

  const submit = async (values: { title: string; content: string }) => {
    try {
      await api('POST', '/api/duty-reports', { id: draftId, ...values });
      void toast.success('报告已提交');
      setOpen(false);
      form.resetFields();
      setDraftId(newClientId('report'));
      setVersion((v) => v + 1);
    } catch (e) {
      void toast.error(e instanceof ApiError ? e.message : '提交失败');
    }
  };

  return (
    <>
      {holder}
      <ResourcePage<DutyReport>
        key={version}
        title="林长报告"
        resource="duty-reports"
        readOnly
        rowKey={(r) => r.id}
        onRowClick={setReading}
        columns={[
          { title: '标题', dataIndex: 'title' },
          { title: '报告人', dataIndex: 'personName', render: (v: string | null) => v ?? '—' },
          { title: '区划', dataIndex: 'unitName' },
          { title: '提交时间', dataIndex: 'submittedAt', render: localTime },
        ]}
        filters={[{ name: 'unit', kind: 'unit' }]}
        extra={user.roles.includes('chief') && <Button type="primary" icon={<EditOutlined />} onClick={() => setOpen(true)}>写报告</Button>}
      />
      <Drawer title="写林长报告" open={open} onClose={() => setOpen(false)} size={560}
        extra={<Button type="primary" onClick={() => form.submit()}>提交</Button>}>
        <Typography.Paragraph type="secondary">村级林长每月向镇街级林长报告，镇街级林长每半年向区县级林长报告。</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v: { title: string; content: string }) => void submit(v)}>
          <Form.Item name="title" label="标题" rules={[{ required: true, message: '请输入标题' }, { max: 100 }]}><Input placeholder="如 2024年5月林长工作报告" /></Form.Item>
          <Form.Item name="content" label="内容" rules={[{ required: true, message: '请输入报告内容' }, { max: 20000 }]}><Input.TextArea rows={12} /></Form.Item>
        </Form>
      </Drawer>
      <Drawer title={reading?.title} open={reading !== null} onClose={() => setReading(null)} size={560}>
        {reading && (
          <Card size="small" title={`${reading.personName ?? ''} · ${reading.unitName} · ${localTime(reading.submittedAt)}`}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{reading.content}</Typography.Paragraph>
          </Card>
        )}
      </Drawer>
    </>
  );
}
