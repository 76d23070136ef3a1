import { useState } from 'react';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography, Upload, message } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../../api/client.ts';
import { fileToBase64 } from '../../api/file-base64.ts';
import { currentYear, landClassName, yearOptions } from './ledger-labels.ts';

interface Finding { severity: 'error' | 'warning'; message: string; field?: string }
interface Row { row: number; ok: boolean; parcelNo: string | null; landClass: string | null; unitName: string | null; areaMu: number | null; findings: Finding[] }
interface Report {
  fileName: string; year: number; crs: string; fileFindings: Finding[]; rows: Row[]; accepted: number; rejected: number; committed: boolean; created: number;
  attributes: { fileName: string; rows: number; matched: number; unmatched: number[] } | null;
}

/** 林草湿一本账 › 导入小班: checked row by row against the inventory codes, written only when confirmed. */
export function ParcelImportPage() {
  const [year, setYear] = useState(currentYear());
  const [file, setFile] = useState<File | null>(null);
  const [table, setTable] = useState<File | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [toast, holder] = message.useMessage();
  const run = async (commit: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const attributes = table ? { fileName: table.name, contentBase64: await fileToBase64(table) } : undefined;
      const r = await api<Report>('POST', '/api/ledger/parcels/imports', { fileName: file.name, contentBase64: await fileToBase64(file), year, commit, attributes });
      setReport(r);
      if (r.committed) void toast.success(`已导入 ${r.created} 个小班`);
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message}${e.errors[0] ? `：${e.errors[0].message}` : ''}` : '校验失败');
    } finally {
      setBusy(false);
    }
  };
  const fileErrors = report?.fileFindings.filter((f) => f.severity === 'error') ?? [];
  return (
    <Card title="导入小班">
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          GeoJSON，或 Shapefile 压缩包（含 .shp .dbf .prj；CGCS2000 经纬度或 3 度带高斯-克吕格投影，自动转换）。属性按二类调查字段读取：小班号（林班）、地类、森林类别、事权等级、起源、优势树种、龄组、郁闭度、蓄积、经营者；
          未给村代码时按小班位置确定所属村。面积按椭球计算。属性也可以放在另附的属性表（Excel .xlsx 或 CSV）中，按“林班-小班号”（及村代码）与图形连接，表中的值优先。
        </Typography.Text>
        <Space><span>台账年度</span><Select value={year} onChange={(y) => { setYear(y); setReport(null); }} options={yearOptions()} style={{ width: 120 }} /></Space>
        <Upload.Dragger accept=".geojson,.json,.zip" maxCount={1} fileList={file ? [{ uid: file.name, name: file.name, status: 'done' }] : []}
          beforeUpload={(f) => { setFile(f); setReport(null); return false; }} onRemove={() => { setFile(null); setReport(null); }}>
          <p className="ant-upload-drag-icon"><InboxOutlined /></p>
          <p>点击或拖入小班文件（.geojson / .zip）</p>
        </Upload.Dragger>
        <Upload accept=".xlsx,.csv" maxCount={1} fileList={table ? [{ uid: table.name, name: table.name, status: 'done' }] : []}
          beforeUpload={(f) => { setTable(f); setReport(null); return false; }} onRemove={() => { setTable(null); setReport(null); }}>
          <Button>附加属性表（可选，.xlsx / .csv）</Button>
        </Upload>
        <Space>
          <Button type="primary" disabled={!file} loading={busy && !report} onClick={() => void run(false)}>校验</Button>
          {report && !report.committed && report.accepted > 0 && fileErrors.length === 0 && (
            <Button type="primary" danger loading={busy} onClick={() => void run(true)}>确认导入 {report.accepted} 个小班{report.rejected ? `（跳过 ${report.rejected} 个有误的）` : ''}</Button>
          )}
        </Space>
        {error && <Alert type="error" title={error} />}
        {fileErrors.map((f) => <Alert key={f.message} type="error" title={f.message} />)}
        {report?.fileFindings.filter((f) => f.severity === 'warning').map((f) => <Alert key={f.message} type="warning" title={f.message} />)}
        {report?.attributes && <Alert type="info" title={`属性表 ${report.attributes.fileName}：共 ${report.attributes.rows} 行，与图形连接上 ${report.attributes.matched} 行`} />}
        {report && (
          <>
            <Alert type={report.committed ? 'success' : report.rejected ? 'warning' : 'info'}
              title={report.committed ? <>已导入 {report.created} 个小班。<Link to="/ledger">查看统计</Link></> : `${report.crs}；共 ${report.rows.length} 个小班：可导入 ${report.accepted} 个，有误 ${report.rejected} 个。确认后才会写入。`} />
            <Table<Row> size="small" rowKey="row" dataSource={report.rows} pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 行` }}
              columns={[
                { title: '行', dataIndex: 'row', width: 60 },
                { title: '小班号', dataIndex: 'parcelNo', render: (v: string | null) => v ?? '—' },
                { title: '地类', dataIndex: 'landClass', render: (v: string | null) => (v ? landClassName(v) : '—') },
                { title: '所属区划', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
                { title: '面积（亩）', dataIndex: 'areaMu', render: (v: number | null) => v ?? '—' },
                { title: '校验', key: 'ok', render: (_: unknown, r: Row) => (r.ok ? <Tag color="green">可导入</Tag> : <Tag color="red">有误</Tag>) },
                { title: '说明', key: 'f', render: (_: unknown, r: Row) => r.findings.map((f, i) => <div key={i} style={{ color: f.severity === 'error' ? '#cf1322' : '#d48806' }}>{f.field ? `${f.field}：` : ''}{f.message}</div>) },
              ]} />
          </>
        )}
      </Space>
    </Card>
  );
}
