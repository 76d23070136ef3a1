import { useState, type ReactNode } from 'react';
import { Alert, Button, Drawer, Space, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { UploadOutlined } from '@ant-design/icons';

/** One row of a checked import: its number, whether it may be written, and why not (or what to watch). */
export interface CheckedRow {
  row: number;
  ok: boolean;
  findings: { severity: string; field?: string; message: string }[];
}

/** What an import route answers: every row's report, and whether (and how much) it wrote. */
export interface CheckedReport<R extends CheckedRow> {
  rows: R[];
  accepted: number;
  rejected: number;
  committed: boolean;
  created: number;
}

/**
 * A file import that is checked row by row first and written only when confirmed (the fire hotspots, the dead-tree
 * lists…): pick a file, 校验, read each row's result, 确认导入. `run` posts the file with `commit` and answers the
 * report; `controls` are the import's own options beside the buttons; `columns` show a row (the result column is
 * added here). `unit` counts what a row is (个, 株).
 */
export function CheckedImportDrawer<R extends CheckedRow>(props: {
  title: string;
  help: ReactNode;
  accept: string;
  unit: string;
  /** What was written, after the count once committed (已导入 3 个热点); empty by default. */
  noun?: string;
  controls?: ReactNode;
  columns: ColumnsType<R>;
  run: (file: File, commit: boolean) => Promise<CheckedReport<R>>;
  errorText: (e: unknown) => string;
  summaryTestId: string;
  onClose: () => void;
  onCommitted: (created: number) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<CheckedReport<R> | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (commit: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const r = await props.run(file, commit);
      setReport(r);
      if (r.committed) props.onCommitted(r.created);
    } catch (e) {
      setProblem(props.errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const u = props.unit;
  return (
    <Drawer title={props.title} open onClose={props.onClose} size={820}>
      <Typography.Paragraph type="secondary">{props.help}</Typography.Paragraph>
      <Space wrap>
        {props.controls}
        <Upload accept={props.accept} maxCount={1} beforeUpload={(f) => { setFile(f); setReport(null); return false; }} onRemove={() => { setFile(null); setReport(null); }}>
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
        <Button disabled={!file} loading={busy} onClick={() => void run(false)}>校验</Button>
        <Button type="primary" disabled={!report || report.committed || report.accepted === 0} loading={busy} onClick={() => void run(true)}>
          确认导入 {report && !report.committed ? `${report.accepted} ${u}` : ''}
        </Button>
      </Space>
      {problem && <Alert type="error" title={problem} showIcon style={{ marginTop: 12 }} role="alert" />}
      {report && (
        <>
          <Alert style={{ margin: '12px 0' }} type={report.committed ? 'success' : report.rejected ? 'warning' : 'info'} showIcon data-testid={props.summaryTestId}
            title={report.committed ? `已导入 ${report.created} ${u}${props.noun ?? ''}` : `可导入 ${report.accepted} ${u}，不导入 ${report.rejected} ${u}（尚未写入）`} />
          <Table<R> rowKey="row" size="small" dataSource={report.rows} pagination={{ pageSize: 50 }}
            columns={[
              ...props.columns,
              {
                title: '结果', key: 'ok', render: (_, r) => (
                  <Space orientation="vertical" size={0}>
                    {r.ok ? <Tag color="green">可导入</Tag> : <Tag color="red">不导入</Tag>}
                    {r.findings.map((x, i) => <Typography.Text key={i} type={x.severity === 'error' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>{x.field ? `${x.field}：` : ''}{x.message}</Typography.Text>)}
                  </Space>
                ),
              },
            ]} />
        </>
      )}
    </Drawer>
  );
}
