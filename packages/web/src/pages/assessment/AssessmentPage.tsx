import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Tooltip, message } from 'antd';
import { Link } from 'react-router-dom';
import type { AssessmentItem, AssessmentSchemeInput } from '@linzhang/domain';
import { api, ApiError, query } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { SchemeEditor } from './SchemeEditor.tsx';

export interface Scheme extends AssessmentSchemeInput { id: string; unitCode: string; unitName: string; year: number; version: number; createdAt: string; canEdit: boolean }
interface ScoredItem { key: string; value: number | null; points: number; explanation: string; evidence: { value: number | null; numerator: number | null; denominator: number | null; note: string | null; link: string } | null }
interface ScoreRow { subjectId: string; subjectName: string; unitCode: string; unitName: string; personName: string | null; total: number; rank: number; items: ScoredItem[]; quarters: { period: string; total: number }[] }
interface Scores { period: string; from: string; to: string; level: 'town' | 'chief'; provisional: boolean; ranked: number; asOf: string; finalized: { at: string; by: string | null } | null; finalizedQuarters: string[]; items: { key: string; name: string; weight: number; indicator: string | null; unit: string | null }[]; rows: ScoreRow[] }

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
const errorText = (e: unknown) => (e instanceof ApiError ? (e.errors[0] ? `${e.message}：${e.errors[0].message}` : e.message) : '读取失败');
const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
const currentQuarter = () => Math.ceil(Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(5, 7)) / 3);

/** 林长制考核: a county's scheme per year, the quarter's (or year's) scores of its towns and town chiefs, their basis. */
export function AssessmentPage() {
  const user = useUser();
  // A county's staff make schemes; a town's users read the county's scheme for their own town (its rank among all).
  const canCreate = user.roles.some((r) => r === 'admin' || r === 'staff') && user.scopeUnit.level !== 'town' && user.scopeUnit.level !== 'village';
  const [toast, holder] = message.useMessage();
  const [schemes, setSchemes] = useState<Scheme[] | null>(null);
  const [schemeId, setSchemeId] = useState<string | undefined>();
  const [period, setPeriod] = useState<string | undefined>();
  const [level, setLevel] = useState<'town' | 'chief'>('town');
  const [scores, setScores] = useState<Scores | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [editing, setEditing] = useState<{ year: number; base: AssessmentSchemeInput; unitCode?: string } | null>(null);
  const [manual, setManual] = useState<{ row: ScoreRow; item: Scores['items'][number]; current: ScoredItem } | null>(null);
  const [manualForm] = Form.useForm<{ points: number; note: string }>();
  const [version, setVersion] = useState(0);

  const loadSchemes = useCallback(() => api<Scheme[]>('GET', '/api/assessment/schemes').then((list) => {
    setSchemes(list);
    setSchemeId((old) => old && list.some((s) => s.id === old) ? old : list[0]?.id);
  }, (e: unknown) => setError(errorText(e))), []);
  useEffect(() => { void loadSchemes(); }, [loadSchemes]);
  const scheme = schemes?.find((s) => s.id === schemeId);
  const canManage = scheme?.canEdit ?? false;
  const periods = useMemo(() => {
    if (!scheme) return [];
    const now = thisYear();
    const last = scheme.year < now ? 4 : scheme.year > now ? 0 : currentQuarter();
    return [...Array.from({ length: last }, (_, i) => ({ value: `${scheme.year}-Q${i + 1}`, label: `第${'一二三四'[i]}季度` })), ...(last ? [{ value: String(scheme.year), label: '全年（各季度平均）' }] : [])];
  }, [scheme]);
  // Opens on the latest quarter that has ended (the one to check and finalise), else the running first quarter.
  const latestEnded = useMemo(() => {
    if (!scheme) return undefined;
    const ended = scheme.year < thisYear() ? 4 : scheme.year === thisYear() ? currentQuarter() - 1 : 0;
    return ended > 0 ? `${scheme.year}-Q${ended}` : periods[0]?.value;
  }, [scheme, periods]);
  useEffect(() => { setPeriod((old) => (old && periods.some((p) => p.value === old) ? old : latestEnded)); }, [periods, latestEnded]);
  useEffect(() => {
    if (!schemeId || !period) { setScores(null); return; }
    let current = true;
    setLoading(true);
    api<Scores>('GET', `/api/assessment/schemes/${schemeId}/scores${query({ period, level })}`)
      .then((s) => { if (current) { setScores(s); setError(null); } }, (e: unknown) => { if (current) setError(errorText(e)); })
      .finally(() => { if (current) setLoading(false); });
    return () => { current = false; };
  }, [schemeId, period, level, version]);

  const saveManual = async () => {
    const v = await manualForm.validateFields();
    try {
      await api('PUT', `/api/assessment/schemes/${schemeId}/manual`, { period, unitCode: manual!.row.unitCode, itemKey: manual!.item.key, points: v.points, note: v.note });
      void toast.success('已评分');
      setManual(null);
      setVersion((x) => x + 1);
    } catch (e) {
      void toast.error(errorText(e));
    }
  };

  const finalize = () => Modal.confirm({
    title: `定稿 ${period} 考核结果？`,
    content: '定稿后，该季度的乡镇与镇级林长得分按此刻的记录保存，之后补录或更正的记录不再改变得分，人工评分也不能再改；如需调整，可撤销定稿。',
    okText: '定稿', cancelText: '取消',
    onOk: async () => {
      try {
        await api('POST', `/api/assessment/schemes/${schemeId}/finalize`, { period });
        void toast.success(`${period} 已定稿`);
        setVersion((x) => x + 1);
      } catch (e) {
        void toast.error(errorText(e));
      }
    },
  });
  const unfinalize = () => Modal.confirm({
    title: `撤销 ${period} 的定稿？`, content: '撤销后，该季度得分重新按当前记录计算，人工评分可再修改。', okText: '撤销定稿', okButtonProps: { danger: true }, cancelText: '取消',
    onOk: async () => {
      try {
        await api('DELETE', `/api/assessment/schemes/${schemeId}/finalize/${period}`, {});
        void toast.success('已撤销定稿');
        setVersion((x) => x + 1);
      } catch (e) {
        void toast.error(errorText(e));
      }
    },
  });
  const isQuarter = scores?.period.includes('-Q') ?? false;
  const status = !scores ? null
    : scores.finalized ? (
      <Space>
        <Tag color="green" data-testid="finalized-tag">已定稿（{when(scores.finalized.at)}），得分不再随记录变化</Tag>
        {canManage && <Button size="small" onClick={unfinalize}>撤销定稿</Button>}
      </Space>
    ) : scores.provisional ? (
      <Space>
        <Tag color="orange">考核期未结束，得分随记录变化</Tag>
        {!isQuarter && scores.finalizedQuarters.length > 0 && <Tag color="green">已定稿：{scores.finalizedQuarters.map((q) => q.slice(5)).join('、')}</Tag>}
      </Space>
    ) : (
      <Space>
        <Tag color="blue">{isQuarter ? '考核期已结束，尚未定稿：补录的记录仍会改变得分' : `已定稿：${scores.finalizedQuarters.map((q) => q.slice(5)).join('、') || '无'}`}</Tag>
        {canManage && isQuarter && <Button size="small" type="primary" onClick={finalize} data-testid="finalize">定稿</Button>}
      </Space>
    );

  const itemColumns = (scores?.items ?? []).map((it) => ({
    title: <Tooltip title={it.indicator ? '按系统指标计分' : '人工评分'}><span>{it.name}<br /><span style={{ fontSize: 12, color: '#888' }}>{it.weight} 分</span></span></Tooltip>,
    key: it.key, width: 96, align: 'right' as const,
    render: (_: unknown, r: ScoreRow) => {
      const s = r.items.find((x) => x.key === it.key)!;
      return <Tooltip title={s.explanation}><span style={{ color: s.points < it.weight ? '#cf1322' : undefined }}>{s.points}</span></Tooltip>;
    },
  }));

  const detail = (r: ScoreRow) => (
    <Table size="small" rowKey="key" pagination={false} dataSource={scores!.items.map((it) => ({ ...it, s: r.items.find((x) => x.key === it.key)! }))} data-testid="score-detail"
      columns={[
        { title: '项目', dataIndex: 'name', width: 200 },
        { title: '得分', key: 'p', width: 90, render: (_, x) => `${x.s.points} / ${x.weight}` },
        { title: '取值', key: 'v', width: 110, render: (_, x) => (x.s.value === null ? '—' : `${x.s.value}${x.unit ?? ''}`) },
        { title: '计分说明', key: 'e', render: (_, x) => x.s.explanation },
        {
          title: '依据', key: 'ev', render: (_, x) => x.s.evidence
            ? <Space size={4} wrap>{x.s.evidence.numerator !== null && <span>{x.s.evidence.numerator}/{x.s.evidence.denominator}</span>}{x.s.evidence.note && <span style={{ color: '#666' }}>{x.s.evidence.note}</span>}<Link to={x.s.evidence.link}>查看记录</Link></Space>
            : x.indicator ? '—' : canManage && level === 'town' && scores!.period.includes('-Q') && !scores!.finalized
              ? <a onClick={() => { manualForm.setFieldsValue({ points: x.s.points, note: '' }); setManual({ row: r, item: x, current: x.s }); }}>评分</a>
              : <span style={{ color: '#888' }}>人工评分</span>,
        },
      ]} />
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <Card title="林长制考核" extra={canCreate && (
        <Space>
          {scheme && canManage && <Button onClick={() => setEditing({ year: scheme.year, base: scheme, unitCode: scheme.unitCode })}>修改方案（存为新版本）</Button>}
          <Button type="primary" onClick={() => void api<AssessmentSchemeInput>('GET', '/api/assessment/template').then((t) => setEditing({ year: thisYear(), base: t }))}>按模板新建方案</Button>
        </Space>
      )}>
        {schemes && !schemes.length && <Alert type="info" title="尚未制定考核方案" description={canCreate ? '点击“按模板新建方案”，按本地考核办法调整各项分值与计分规则后保存。' : '考核方案由区县林业局制定，制定后这里显示本单位的得分与排名。'} />}
        {scheme && !canManage && user.scopeUnit.level === 'town' && (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="own-scores-note"
            title={`${scheme.unitName}的考核方案：这里只显示${user.scopeUnit.name}的得分与依据，名次为全县${scores ? ` ${scores.ranked} 个` : ''}乡镇（街道）中的排名。`} />
        )}
        {scheme && (
          <Space wrap size="middle">
            <Select style={{ width: 360 }} value={schemeId} onChange={setSchemeId} data-testid="scheme-select"
              options={schemes!.map((s) => ({ value: s.id, label: `${s.year} 年 · ${s.title} · 第 ${s.version} 版` }))} />
            <Select style={{ width: 180 }} value={period} onChange={setPeriod} options={periods} placeholder="考核期" data-testid="period-select" />
            <Radio.Group value={level} onChange={(e) => setLevel(e.target.value as 'town' | 'chief')} optionType="button"
              options={[{ value: 'town', label: '乡镇（街道）' }, { value: 'chief', label: '镇级林长' }]} />
            {period && (
              <>
                <a href={`/api/assessment/schemes/${schemeId}/scores.xlsx${query({ period, level })}`}>导出 Excel</a>
                <a href={`/api/assessment/schemes/${schemeId}/scores.pdf${query({ period, level })}`}>导出 PDF</a>
              </>
            )}
          </Space>
        )}
        {scheme && !periods.length && <Alert style={{ marginTop: 12 }} type="info" title={`${scheme.year} 年尚未开始，无可考核的季度`} />}
      </Card>
      {error && <Alert type="error" title={error} />}
      {scores && (
        <Card title={`${scores.period.includes('-Q') ? scores.period : `${scores.period} 年`}得分排名（${scores.from} 至 ${scores.to}）`}
          extra={status}>
          <Table<ScoreRow> size="small" rowKey="subjectId" loading={loading} dataSource={scores.rows} pagination={false} data-testid="score-table" scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: detail }}
            columns={[
              { title: '排名', dataIndex: 'rank', width: 60, fixed: 'left' },
              { title: level === 'town' ? '乡镇（街道）' : '林长', dataIndex: 'subjectName', width: 150, fixed: 'left' },
              { title: '总分', dataIndex: 'total', width: 70, fixed: 'left', render: (t: number) => <strong>{t}</strong> },
              ...(scores.rows[0]?.quarters.length ? [{ title: '各季度', key: 'q', width: 180, render: (_: unknown, r: ScoreRow) => r.quarters.map((q) => `${q.period.slice(5)} ${q.total}`).join('，') }] : []),
              ...itemColumns,
            ]} />
        </Card>
      )}
      {editing && <SchemeEditor year={editing.year} base={editing.base} unitCode={editing.unitCode} onClose={() => setEditing(null)} onSaved={(s) => { setEditing(null); void loadSchemes().then(() => setSchemeId(s.id)); }} />}
      <Modal open={manual !== null} title={manual ? `人工评分：${manual.row.subjectName} · ${manual.item.name}（${manual.item.weight} 分）` : ''} onCancel={() => setManual(null)} onOk={() => void saveManual()} okText="保存" destroyOnHidden>
        <Form form={manualForm} layout="vertical">
          <Form.Item name="points" label="得分" rules={[{ required: true, message: '请填写得分' }]}><InputNumber min={0} max={manual?.item.weight} step={0.5} /></Form.Item>
          <Form.Item name="note" label="评分依据" rules={[{ required: true, message: '请填写评分依据' }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

export type { AssessmentItem };
