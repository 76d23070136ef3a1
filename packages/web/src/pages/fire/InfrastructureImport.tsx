import { useState } from 'react';
import { Alert, Button, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { infrastructureKindInfo, infrastructureKinds, type InfrastructureKind } from '@linzhang/domain';
import { api } from '../../api/client.ts';
import { fileToBase64 } from '../../api/file-base64.ts';
import { errorText, km } from './infrastructure-types.ts';

interface Finding { severity: 'error' | 'warning'; message: string; field?: string }
interface Report {
  fileName: string; crs: string; fileFindings: Finding[]; accepted: number; rejected: number; committed: boolean; created: number;
  rows: { row: number; ok: boolean; findings: Finding[]; kind: InfrastructureKind | null; name: string | null; unitName: string | null; lengthM: number | null }[];
}

/** Import of works from GeoJSON or a zipped Shapefile: checked row by row first, written only on 确认导入. */
export function InfrastructureImport(props: { onClose: () => void; onImported: (created: number) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState<InfrastructureKind | undefined>();
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (commit: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const r = await api<Report>('POST', '/api/fire/infrastructure/imports', { fileName: file.name, contentBase64: await fileToBase64(file), ...(kind ? { kind } : {}), commit });
      setReport(r);
      if (r.committed) props.onImported(r.created);
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const blocked = !report || report.committed || report.accepted === 0 || report.fileFindings.some((f) => f.severity === 'error');
  return (
    <Modal title="导入防火设施" open onCancel={props.onClose} width={860} footer={<Space>
      <Button onClick={props.onClose}>关闭</Button>
      <Button disabled={!file} loading={busy} onClick={() => void run(false)}>校验</Button>
      <Button type="primary" disabled={blocked} loading={busy} onClick={() => void run(true)}>确认导入{report && !report.committed ? ` ${report.accepted} 条` : ''}</Button>
    </Space>}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          GeoJSON（.geojson/.json）或 Shapefile 压缩包（.zip，含 .prj）；线为隔离带、防火通道，点为其余设施。属性：类型、名称、状态、建成年份、容量、备注。高斯-克吕格投影坐标自动转换为经纬度。
        </Typography.Paragraph>
        <Space wrap>
          <input type="file" accept=".geojson,.json,.zip" data-testid="import-file" onChange={(e) => { setFile(e.target.files?.[0] ?? null); setReport(null); }} />
          <Select allowClear placeholder="缺少类型属性时按此类型" value={kind} onChange={setKind} style={{ width: 220 }} options={infrastructureKinds.map((k) => ({ value: k, label: infrastructureKindInfo[k].name }))} />
        </Space>
        {problem && <Alert type="error" showIcon title={problem} />}
        {report && (
          <>
            <Alert type={report.committed ? 'success' : report.rejected ? 'warning' : 'info'} showIcon
              title={report.committed ? `已导入 ${report.created} 处设施` : `校验结果：可导入 ${report.accepted} 条，拒绝 ${report.rejected} 条（坐标系：${report.crs}）——尚未写入`} />
            {report.fileFindings.map((f, i) => <Alert key={i} type={f.severity === 'error' ? 'error' : 'warning'} title={f.message} />)}
            <Table size="small" rowKey="row" pagination={{ pageSize: 8 }} dataSource={report.rows} columns={[
              { title: '行', dataIndex: 'row', width: 50 },
              { title: '结果', dataIndex: 'ok', width: 70, render: (ok: boolean) => (ok ? <Tag color="success">可导入</Tag> : <Tag color="error">拒绝</Tag>) },
              { title: '类型', dataIndex: 'kind', render: (k: InfrastructureKind | null) => (k ? infrastructureKindInfo[k].name : '—') },
              { title: '名称', dataIndex: 'name', render: (v: string | null) => v ?? '—' },
              { title: '所属', dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
              { title: '长度', dataIndex: 'lengthM', render: km },
              { title: '说明', dataIndex: 'findings', render: (f: Finding[]) => f.map((x) => `${x.field ? `${x.field}：` : ''}${x.message}`).join('；') || '—' },
            ]} />
          </>
        )}
      </Space>
    </Modal>
  );
}
