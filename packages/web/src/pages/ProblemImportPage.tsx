import { useState } from 'react';
import { Alert, Button, Card, Radio, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { problemCategoryNames, type ProblemCategory } from '@linzhang/domain';
import { api, ApiError } from '../api/client.ts';
import { fileToBase64 } from '../api/file-base64.ts';

type Kind = 'patches' | 'ledger';
interface Finding { severity: 'error' | 'warning'; message: string; field?: string }
interface Row { row: number; ok: boolean; findings: Finding[]; externalRef: string | null; title: string | null; category: ProblemCategory | null; unitCode: string | null; unitName: string | null; areaMu: number | null }
interface Report { kind: Kind; fileName: string; fileFindings: Finding[]; rows: Row[]; accepted: number; rejected: number; committed: boolean; created: number }

const accepts: Record<Kind, string> = { patches: '.geojson,.json,.zip', ledger: '.xlsx' };
const kindHelp: Record<Kind, string> = {
  patches: '卫片/森林督查变化图斑：GeoJSON，或 Shapefile 压缩包（含 .shp .dbf .prj，坐标系 CGCS2000 经纬度或 3 度带高斯-克吕格）。每个图斑生成一个问题，须实地核实并附现场照片后才能办结。',
  ledger: '督察反馈或人类活动问题台账（Excel .xlsx）：须有“问题编号”“问题描述”列，以及“经度、纬度”或“区划代码”列；可选“问题类别”“紧急程度”“整改时限”。',
};

/** 问题处置 › 导入: satellite patches and inspection ledgers, checked row by row, written only when confirmed. */
export function ProblemImportPage() {
  const [kind, setKind] = useState<Kind>('patches');
  const [source, setSource] = useState<'inspection' | 'reserve_ledger'>('inspection');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [toast, holder] = message.useMessage();

  const run = async (commit: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<Report>('POST', '/api/problems/imports', {
        kind, ...(kind === 'ledger' ? { source } : {}), fileName: file.name, contentBase64: await fileToBase64(file), commit,
      });
      setReport(r);
      if (r.committed) void toast.success(`已导入 ${r.created} 个问题`);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors[0].message}` : ''}` : '校验失败');
    } finally {
      setBusy(false);
    }
  };

  const fileErrors = report?.fileFindings.filter((f) => f.severity === 'error') ?? [];
  return (
    <Card title="导入问题">
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Radio.Group value={kind} onChange={(e) => { setKind(e.target.value as Kind); setReport(null); setFile(null); }} optionType="button"
          options={[{ value: 'patches', label: '卫片图斑' }, { value: 'ledger', label: '督察/台账问题（Excel）' }]} />
        {kind === 'ledger' && (
          <Radio.Group value={source} onChange={(e) => setSource(e.target.value as typeof source)}
            options={[{ value: 'inspection', label: '中央环保督察反馈' }, { value: 'reserve_ledger', label: '自然保护地人类活动问题台账' }]} />
        )}
        <Typography.Text type="secondary">{kindHelp[kind]}</Typography.Text>
        <Upload.Dragger accept={accepts[kind]} maxCount={1} showUploadList={!!file}
          fileList={file ? [{ uid: file.name, name: file.name, status: 'done' }] : []}
          beforeUpload={(f) => { setFile(f); setReport(null); return false; }} onRemove={() => { setFile(null); setReport(null); }}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>点击或拖入文件（{accepts[kind]}）</p>
        </Upload.Dragger>
        <Space>
          <Button type="primary" disabled={!file} loading={busy && !report} onClick={() => void run(false)}>校验</Button>
          {report && !report.committed && report.accepted > 0 && fileErrors.length === 0 && (
            <Button type="primary" danger loading={busy} onClick={() => void run(true)}>确认导入 {report.accepted} 条{report.rejected ? `（跳过 ${report.rejected} 条有误的）` : ''}</Button>
          )}
        </Space>
        {error && <Alert type="error" title={error} />}
        {fileErrors.map((f) => <Alert key={f.message} type="error" title={f.message} />)}
        {report && (
          <>
            <Alert type={report.committed ? 'success' : report.rejected ? 'warning' : 'info'}
              title={report.committed
                ? <>已导入 {report.created} 个问题。<Link to={`/problems?source=${kind === 'patches' ? 'satellite_patch' : source}`}>查看</Link></>
                : `共 ${report.rows.length} 行：可导入 ${report.accepted} 行，有误 ${report.rejected} 行。${report.accepted ? '确认后才会写入。' : ''}`} />
            <Table<Row> size="small" rowKey="row" dataSource={report.rows} pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 行` }}
              columns={[
                { title: '行', dataIndex: 'row', width: 60 },
                { title: '编号', dataIndex: 'externalRef', render: (v: string | null) => v ?? '—' },
                { title: '标题', dataIndex: 'title', render: (v: string | null) => v ?? '—' },
                { title: '类别', dataIndex: 'category', render: (c: ProblemCategory | null) => (c ? problemCategoryNames[c] : '—') },
                { title: '所属区划', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
                ...(kind === 'patches' ? [{ title: '面积（亩）', dataIndex: 'areaMu', render: (v: number | null) => v ?? '—' }] : []),
                { title: '校验', key: 'ok', render: (_: unknown, r: Row) => (r.ok ? <Tag color="green">可导入</Tag> : <Tag color="red">有误</Tag>) },
                {
                  title: '说明', key: 'findings',
                  render: (_: unknown, r: Row) => r.findings.map((f, i) => <div key={i} style={{ color: f.severity === 'error' ? '#cf1322' : '#d48806' }}>{f.field ? `${f.field}：` : ''}{f.message}</div>),
                },
              ]} />
          </>
        )}
      </Space>
    </Card>
  );
}
