import { useEffect } from 'react';
import { Button, Card, DatePicker, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { CarbonParameters, CarbonSpeciesRow } from '@linzhang/domain';
import { shanghaiToday } from '../../shanghai-date.ts';

interface Props {
  overview: { inForce: CarbonParameters; defaults: CarbonParameters } | null;
  versions: React.ReactNode;
  admin: boolean;
  save: (url: string, body: unknown) => Promise<void>;
}

const factors: [keyof Pick<CarbonSpeciesRow, 'woodDensity' | 'bef' | 'rootShootRatio' | 'carbonFraction'>, string][] = [
  ['woodDensity', 'WD 基本木材密度（t/m³）'], ['bef', 'BEF'], ['rootShootRatio', 'R 根茎比'], ['carbonFraction', 'CF 含碳率'],
];

/** 森林碳汇树种参数 (rule kind carbon_parameters, DOMAIN.md §9 [U]): each row's factors and its source, edited as a new version. */
export function CarbonParametersCard({ overview, versions, admin, save }: Props) {
  const [form] = Form.useForm();
  useEffect(() => {
    if (overview) form.setFieldsValue({ rows: overview.inForce.rows.map((r) => ({ ...r })), source: overview.inForce.source, effectiveFrom: shanghaiToday() });
  }, [overview, form]);
  if (!overview) return <Card title="森林碳汇树种参数" loading />;
  const rows = overview.inForce.rows;
  return (
    <Card title="森林碳汇树种参数（C = V × WD × BEF ×（1 + R）× CF）" extra={versions}>
      <Form form={form} layout="vertical" disabled={!admin}
        onFinish={(v: { rows: CarbonSpeciesRow[]; source: string; effectiveFrom: Dayjs; note?: string }) => void save('/api/rules/carbon_parameters', {
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), note: v.note || undefined,
          body: {
            rows: rows.map((r, i) => ({ ...r, ...Object.fromEntries(factors.map(([k]) => [k, Number(v.rows[i]![k])])), source: v.rows[i]!.source })),
            fallbackSpecies: overview.inForce.fallbackSpecies, source: v.source,
          },
        })}>
        <Table size="small" pagination={false} rowKey="species" dataSource={rows}
          columns={[
            { title: '树种', dataIndex: 'species', render: (s: string) => <Space size={4}>{s}{s === overview.inForce.fallbackSpecies && <Tag>默认</Tag>}</Space> },
            ...factors.map(([k, label]) => ({
              title: label, key: k, render: (_: unknown, _r: CarbonSpeciesRow, i: number) => (
                <Form.Item name={['rows', i, k]} noStyle rules={[{ required: true }]}><InputNumber min={0} max={10} step={0.001} style={{ width: 90 }} aria-label={`${rows[i]!.species} ${label}`} /></Form.Item>
              ),
            })),
            { title: '来源', key: 'source', render: (_: unknown, _r: CarbonSpeciesRow, i: number) => (
              <Form.Item name={['rows', i, 'source']} noStyle rules={[{ required: true, whitespace: true }]}><Input.TextArea autoSize={{ maxRows: 3 }} style={{ minWidth: 260 }} /></Form.Item>
            ) },
          ]} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          出厂参数为常用引用值，来源中标“[未确认]”的尚未对照原表核实；核实后请修改数值并去掉该标记。未列出的优势树种按“{overview.inForce.fallbackSpecies}”行计算。
        </Typography.Paragraph>
        <Form.Item name="source" label="依据" rules={[{ required: true, message: '请注明依据' }]}><Input /></Form.Item>
        {admin && (
          <Space wrap>
            <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isBefore(shanghaiToday(), 'day')} /></Form.Item>
            <Form.Item name="note" label="说明"><Input style={{ width: 320 }} /></Form.Item>
            <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>保存为新版本</Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}
