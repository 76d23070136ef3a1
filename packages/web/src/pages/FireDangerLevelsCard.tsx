import { useEffect } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { fireDangerLevelInfo, fireDangerLevels, fireDangerMethodNames, type FireDangerLevelTable } from '@linzhang/domain';
import { shanghaiToday } from '../shanghai-date.ts';

interface Props {
  overview: { inForce: FireDangerLevelTable; defaults: FireDangerLevelTable } | null;
  versions: React.ReactNode;
  admin: boolean;
  save: (url: string, body: unknown) => Promise<void>;
}

interface Values {
  method: FireDangerLevelTable['method'];
  fwiFrom: number[];
  lytUpTo: number[];
  rainDayAboveMm: number;
  rainDay: 'subtract' | 'ignore';
  phenology: number[];
  source: string;
  effectiveFrom: Dayjs;
  note?: string;
}

const tagColour: Record<string, string> = { green: 'green', blue: 'blue', yellow: 'gold', orange: 'orange', red: 'red' };
const months = Array.from({ length: 12 }, (_, i) => i);

/** 森林火险等级划分 (DOMAIN.md §5): which index decides the level and where each level starts. */
export function FireDangerLevelsCard({ overview, versions, admin, save }: Props) {
  const [form] = Form.useForm<Values>();
  useEffect(() => {
    if (!overview) return;
    const t = overview.inForce;
    form.setFieldsValue({
      method: t.method, fwiFrom: [...t.fwiFrom], lytUpTo: [...t.lytUpTo], rainDayAboveMm: t.lyt.rainDayAboveMm, rainDay: t.lyt.rainDay,
      phenology: [...t.lyt.phenology], source: t.source, effectiveFrom: shanghaiToday(),
    });
  }, [overview, form]);
  if (!overview) return <Card title="森林火险等级划分" loading />;
  const d = overview.defaults;
  const defaultText = (l: number) => {
    const f = d.fwiFrom;
    const u = d.lytUpTo;
    const fwi = l === 1 ? `< ${f[0]}` : l === 5 ? `≥ ${f[3]}` : `${f[l - 2]}–${f[l - 1]}`;
    const lyt = l === 1 ? `≤ ${u[0]}` : l === 5 ? `> ${u[3]}` : `> ${u[l - 2]} 且 ≤ ${u[l - 1]}`;
    return `FWI ${fwi}；LY/T ${lyt}`;
  };
  return (
    <Card title="森林火险等级划分" extra={versions}>
      <Form form={form} layout="vertical" disabled={!admin}
        onFinish={(v) => void save('/api/rules/fire_danger_levels', {
          effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
          note: v.note || undefined,
          body: {
            method: v.method, fwiFrom: v.fwiFrom.map(Number), lytUpTo: v.lytUpTo.map(Number),
            lyt: { rainDayAboveMm: Number(v.rainDayAboveMm), rainDay: v.rainDay, phenology: v.phenology.map(Number) }, source: v.source,
          },
        })}>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }}
          title="依据与不确定性"
          description={<>
            <div>等级名称与颜色：QX/T 77-2007（一级低/绿、二级较低/蓝、三级较高/黄、四级高/橙、五级极高/红，三级起挂预警旗）。</div>
            <div>FWI：按 Van Wagner 1987 与 cffdrs 精确计算；分级取 EFFIS 的 &lt;5.2、5.2–11.2、11.2–21.3、21.3–38、38–50、≥50 六档，38–50 与 ≥50 两档同为五级——FWI 档与我国五级的对应未经确认。</div>
            <div>LY/T 1172-95：指数分级 ≤25、26–50、51–72、73–90、≥91 与各因子得分表为标准规定；降水日得分的用法和物候订正值未经确认，请按本地规定填写。</div>
          </>} />
        <Form.Item name="method" label="采用的方法（页面会注明由哪一方法得出等级）">
          <Radio.Group options={(['fwi', 'lyt1172'] as const).map((m) => ({ value: m, label: fireDangerMethodNames[m] }))} />
        </Form.Item>
        <Table size="small" pagination={false} rowKey="level" dataSource={fireDangerLevels.map((level) => ({ level }))}
          columns={[
            { title: '等级', dataIndex: 'level', render: (l: 1 | 2 | 3 | 4 | 5) => <Tag color={tagColour[fireDangerLevelInfo[l].colour]}>{fireDangerLevelInfo[l].label} {fireDangerLevelInfo[l].name}</Tag> },
            { title: 'FWI 起点（含）', dataIndex: 'level', render: (l: number) => (l === 1 ? '0' : <Form.Item name={['fwiFrom', l - 2]} noStyle rules={[{ required: true }]}><InputNumber min={0} step={1} aria-label={`FWI 第${l}级起点`} /></Form.Item>) },
            { title: 'LY/T 指数上限（含）', dataIndex: 'level', render: (l: number) => (l === 5 ? '以上' : <Form.Item name={['lytUpTo', l - 1]} noStyle rules={[{ required: true }]}><InputNumber min={0} step={1} aria-label={`LY/T 第${l}级上限`} /></Form.Item>) },
            { title: '系统默认', dataIndex: 'level', render: (l: number) => <Typography.Text type="secondary">{defaultText(l)}</Typography.Text> },
          ]} />
        <Space style={{ marginTop: 16 }} wrap align="start">
          <Form.Item name="rainDayAboveMm" label="LY/T 降水日：日降水量超过（毫米）" rules={[{ required: true }]}><InputNumber min={0} max={9.9} step={0.1} /></Form.Item>
          <Form.Item name="rainDay" label="降水日的当日降水得分（未经确认）">
            <Select style={{ width: 220 }} options={[{ value: 'subtract', label: '从总分中减去' }, { value: 'ignore', label: '不计入' }]} />
          </Form.Item>
        </Space>
        <Form.Item label="LY/T 物候订正（各月从总分中减去，未经确认）">
          <Space wrap>
            {months.map((i) => (
              <Space key={i} size={4}>
                <Typography.Text>{i + 1}月</Typography.Text>
                <Form.Item name={['phenology', i]} noStyle rules={[{ required: true }]}><InputNumber min={-100} max={100} style={{ width: 64 }} aria-label={`${i + 1}月物候订正`} /></Form.Item>
              </Space>
            ))}
          </Space>
        </Form.Item>
        <Form.Item name="source" label="依据" rules={[{ required: true }]}><Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} /></Form.Item>
        {admin && (
          <Space wrap>
            <Form.Item name="effectiveFrom" label="生效日期" rules={[{ required: true }]}><DatePicker disabledDate={(day) => day.isBefore(shanghaiToday(), 'day')} /></Form.Item>
            <Form.Item name="note" label="说明"><Input style={{ width: 320 }} /></Form.Item>
            <Button type="primary" htmlType="submit" style={{ marginTop: 8 }}>保存为新版本</Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}
