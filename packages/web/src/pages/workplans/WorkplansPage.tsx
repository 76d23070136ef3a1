import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Card, InputNumber, Space, Table, Typography, Upload, message } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError, type FieldError } from '../../api/client.ts';
import { fileToBase64 } from '../../api/file-base64.ts';
import { useUser } from '../../auth.tsx';
import { WorkplanPreview, type ConfirmedBody, type Preview } from './WorkplanPreview.tsx';
import { MyTargets } from './MyTargets.tsx';

export interface PlanSummary {
  id: string; unitCode: string; unitName: string; year: number; title: string; issuer: string | null; version: number; sourceFile: string;
  importedBy: string | null; importedAt: string; sections: number; tasks: number; targets: number; rules: number;
}

const shanghai = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 工作要点: import a plan (.txt / .docx) — preview, review, confirm — and the list of imported plans. */
export function WorkplansPage() {
  const user = useUser();
  const canImport = user.roles.some((r) => r === 'admin' || r === 'staff');
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [toast, holder] = message.useMessage();
  const load = useCallback(() => void api<PlanSummary[]>('GET', '/api/workplans').then(setPlans, () => setPlans([])), []);
  useEffect(load, [load]);

  const read = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setFieldErrors([]);
    try {
      setPreview(await api<Preview>('POST', '/api/workplans/preview', { fileName: file.name, contentBase64: await fileToBase64(file), ...(year ? { year } : {}) }));
    } catch (e) {
      setPreview(null);
      setError(e instanceof ApiError ? (e.errors[0]?.message ?? e.message) : '读取失败');
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (body: ConfirmedBody) => {
    setBusy(true);
    setFieldErrors([]);
    try {
      const stored = await api<PlanSummary>('POST', '/api/workplans', body);
      void toast.success(`已导入：${stored.title}（第 ${stored.version} 版）`);
      navigate(`/workplans/${stored.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.errors.length) setFieldErrors(e.errors);
      else setError(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <MyTargets />
      {canImport && (
        <Card title="导入工作要点">
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              上传年度工作要点（.txt 或 .docx）：按“一、（一）1. 一是……”等序号拆分为部分与任务，提取每个量化指标（数值、单位、不少于/不超过/等于）、完成期限和巡林、报告等职责。
              预览不会写入任何数据；请逐条核对，取消勾选或更正有误的指标后再确认导入。同一要点再次导入时另存为新版本。
            </Typography.Text>
            <Upload.Dragger accept=".txt,.docx" maxCount={1} fileList={file ? [{ uid: file.name, name: file.name, status: 'done' }] : []}
              beforeUpload={(f) => { setFile(f); setPreview(null); setError(null); return false; }} onRemove={() => { setFile(null); setPreview(null); }}>
              <p className="ant-upload-drag-icon"><InboxOutlined /></p>
              <p>点击或拖入工作要点文件（.txt / .docx）</p>
            </Upload.Dragger>
            <Space>
              <span>年度</span>
              <InputNumber aria-label="年度（不填则从标题读取）" placeholder="从标题读取" value={year} min={1990} max={2100} onChange={(v) => setYear(v)} style={{ width: 120 }} />
              <Button type="primary" disabled={!file} loading={busy && !preview} onClick={() => void read()}>预览</Button>
            </Space>
            {error && <Alert type="error" title={error} />}
            {preview && <WorkplanPreview key={preview.fileName + preview.year} preview={preview} busy={busy} errors={fieldErrors} onConfirm={(b) => void confirm(b)} />}
          </Space>
        </Card>
      )}
      <Card title="已导入的工作要点">
        <Table<PlanSummary> size="small" rowKey="id" loading={plans === null} dataSource={plans ?? []} pagination={false} data-testid="workplan-list"
          columns={[
            { title: '标题', dataIndex: 'title', render: (v: string, p) => <Link to={`/workplans/${p.id}`}>{v}</Link> },
            { title: '年度', dataIndex: 'year', width: 70 },
            { title: '版本', dataIndex: 'version', width: 70, render: (v: number) => `第 ${v} 版` },
            { title: '单位', dataIndex: 'unitName' },
            { title: '任务', dataIndex: 'tasks', width: 70 },
            { title: '量化指标', dataIndex: 'targets', width: 90 },
            { title: '职责建议', dataIndex: 'rules', width: 90 },
            { title: '来源文件', dataIndex: 'sourceFile' },
            { title: '导入时间', dataIndex: 'importedAt', render: shanghai },
          ]} />
      </Card>
    </Space>
  );
}
