import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Checkbox, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Radio, Select, Space, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { deadTreeStepNames, disposalMethodNames, type DeadTreeStep } from '@linzhang/domain';
import { api, ApiError, upload } from '../../api/client.ts';
import { localTime } from '../../labels.ts';
import { PhotoPicker } from '../../components/PhotoPicker.tsx';
import { errorText } from '../fire/fire-labels.tsx';
import { CauseTag, DeadTreeStateTag, deadTreeSourceNames, type DeadTreeDetail } from './pest-labels.tsx';

const dutyNames: Record<string, string> = { written_result: '书面检测结果', phone_report: '新发疫情电话报告', written_report: '新发疫情书面报告', disposal: '除害处理' };

interface StepForm {
  step: DeadTreeStep; at: Dayjs; person: string; note?: string; sampleNo?: string; labReceivedAt?: Dayjs; outcome?: 'positive' | 'negative';
  method?: keyof typeof disposalMethodNames; stumpHeightCm?: number; chipSizeCm?: number; chipThicknessCm?: number; peelThicknessCm?: number; fumigated?: boolean; branchesTreated?: boolean;
  photos?: File[];
}

/** One dead pine: its steps with who, when, where and the photo; its deadlines; and the form for the next step. */
export function DeadTreeDrawer({ id, name, onClose, onChanged }: { id: string; name: string; onClose: () => void; onChanged: () => void }) {
  const [tree, setTree] = useState<DeadTreeDetail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<StepForm>();
  const step = Form.useWatch('step', form);
  const method = Form.useWatch('method', form);
  const load = useCallback(async () => {
    try {
      const t = await api<DeadTreeDetail>('GET', `/api/pests/dead-trees/${id}`);
      setTree(t);
      form.setFieldsValue({ step: t.allowedNext[0], at: dayjs(), person: name, branchesTreated: true });
    } catch (e) {
      setProblem(errorText(e));
    }
  }, [id, name, form]);
  useEffect(() => { void load(); }, [load]);

  const save = async (v: StepForm) => {
    if (!tree) return;
    setBusy(true);
    setProblem(null);
    try {
      const photo = v.photos?.[0] ? (await upload<{ id: string }>('/api/files', v.photos[0])).id : undefined;
      const body: Record<string, unknown> = { version: tree.version, step: v.step, at: v.at.toISOString(), person: v.person.trim(), ...(v.note?.trim() ? { note: v.note.trim() } : {}), ...(photo ? { photoFileId: photo } : {}) };
      if (v.step === 'sampled') Object.assign(body, v.sampleNo?.trim() ? { sampleNo: v.sampleNo.trim() } : {}, v.labReceivedAt ? { labReceivedAt: v.labReceivedAt.toISOString() } : {});
      if (v.step === 'result') body.outcome = v.outcome;
      if (v.step === 'disposed') {
        body.disposal = {
          method: v.method, stumpHeightCm: v.stumpHeightCm ?? null, chipSizeCm: v.chipSizeCm ?? null, chipThicknessCm: v.chipThicknessCm ?? null,
          peelThicknessCm: v.peelThicknessCm ?? null, fumigated: v.method === 'mesh_fumigated' ? !!v.fumigated : null, branchesTreated: !!v.branchesTreated,
        };
      }
      const t = await api<DeadTreeDetail>('POST', `/api/pests/dead-trees/${id}/steps`, body);
      setTree(t);
      form.setFieldsValue({ step: t.allowedNext[0], at: dayjs(), photos: [] });
      onChanged();
    } catch (e) {
      if (e instanceof ApiError) {
        form.setFields(e.errors.map((x) => {
          const path = x.field.replace(/^\/body\//, '').split('/');
          const field = path[0] === 'disposal' ? path[1] : path[0];
          return { name: (field ?? '') as keyof StepForm, errors: [x.message] };
        }).filter((x) => x.name));
      }
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const report = async (kind: 'phone' | 'written') => {
    if (!tree) return;
    try {
      setTree(await api<DeadTreeDetail>('POST', `/api/pests/dead-trees/${id}/reports`, { version: tree.version, kind, at: new Date().toISOString() }));
      onChanged();
    } catch (e) {
      setProblem(errorText(e));
    }
  };

  const d = tree?.deadlines;
  return (
    <Drawer title={tree ? `疫木 ${tree.sampleNo ?? tree.sourceRef ?? tree.id.slice(0, 8)}` : '疫木'} open onClose={onClose} size={560} mask={false} data-testid="dead-tree-drawer">
      {!tree ? (problem ? <Alert type="error" title={problem} showIcon /> : null) : (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          <Space wrap><DeadTreeStateTag state={tree.state} done={tree.done} /><CauseTag cause={tree.cause} />{tree.firstInCounty && <Tag color="red">本县首次检出</Tag>}</Space>
          <Descriptions size="small" column={2} bordered items={[
            { key: 'u', label: '村 / 小班', children: `${tree.unitName} / ${tree.parcelNo ?? '不在小班内'}` },
            { key: 's', label: '树种 / 胸径', children: `${tree.species ?? '—'} / ${tree.dbhCm === null ? '—' : `${tree.dbhCm} cm`}` },
            { key: 'f', label: '发现', children: `${localTime(tree.foundAt)} ${tree.foundBy}` },
            { key: 'o', label: '来源', children: deadTreeSourceNames[tree.source] ?? tree.source },
            { key: 'p', label: '位置', children: `${tree.lon.toFixed(5)}, ${tree.lat.toFixed(5)}`, span: 2 },
          ]} />
          {d && (d.writtenResultDue || d.clearing) && (
            <Alert type="info" showIcon title="期限" description={(
              <Space orientation="vertical" size={0}>
                {d.writtenResultDue && <span>书面检测结果：{localTime(d.writtenResultDue)} 前（收样后 5 个工作日）{tree.resultAt ? ' · 已出结果' : ''}{!d.calendarCovered && '（超出工作日历年份，节假日未知）'}</span>}
                {d.phoneReportDue && <span>新发疫情电话报告：{localTime(d.phoneReportDue)} 前 {tree.phoneReportedAt ? `· 已报告 ${localTime(tree.phoneReportedAt)}` : ''}</span>}
                {d.writtenReportDue && <span>新发疫情书面报告：{localTime(d.writtenReportDue)} 前 {tree.writtenReportAt ? `· 已报告 ${localTime(tree.writtenReportAt)}` : ''}</span>}
                {d.clearing && <span>除害处理：{d.clearing.mode === 'same_day' ? `即死即清，须于 ${d.clearing.disposeBy} 当日处理` : `集中除治期，须于 ${d.clearing.disposeBy} 前处理`}{tree.disposedAt ? ' · 已处理' : ''}</span>}
              </Space>
            )} />
          )}
          {tree.parcelSampling?.status === 'sample' && tree.allowedNext.includes('sampled') && (
            <Alert type="warning" showIcon data-testid="parcel-needs-samples" title={`该小班还需取样 ${tree.parcelSampling.nextBatch} 株`}
              description={`${tree.parcelSampling.explanation}。疫木除害处理后不能再取样，请先取样再处理。`} />
          )}
          {tree.firstInCounty && (!tree.phoneReportedAt || !tree.writtenReportAt) && tree.canRecord && (
            <Space>
              {!tree.phoneReportedAt && <Button danger onClick={() => void report('phone')}>登记已电话报告</Button>}
              {!tree.writtenReportAt && <Button danger onClick={() => void report('written')}>登记已书面报告</Button>}
            </Space>
          )}
          {tree.overdue.length > 0 && (
            <Alert type="error" showIcon title="逾期已转为问题" description={tree.overdue.map((o) => <div key={o.duty}>{dutyNames[o.duty] ?? o.duty}（应于 {localTime(o.dueAt)} 前）<Link to={`/problems/${o.problemId}`}> 查看问题</Link></div>)} />
          )}
          <Timeline items={tree.steps.map((s) => ({
            key: s.id,
            content: (
              <div>
                <b>{deadTreeStepNames[s.step]}</b> {localTime(s.at)} · {s.person}
                {s.step === 'result' && s.data?.outcome ? <Tag style={{ marginLeft: 6 }} color={s.data.outcome === 'positive' ? 'red' : 'blue'}>{s.data.outcome === 'positive' ? '检出' : '未检出'}</Tag> : null}
                {s.step === 'disposed' && s.data?.disposal ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{disposalText(s.data.disposal as Record<string, unknown>)}</Typography.Text> : null}
                {s.note && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{s.note}</Typography.Text>}
                {s.photoFileId && <img src={`/api/files/${s.photoFileId}`} alt="现场照片" style={{ width: 120, marginTop: 4, borderRadius: 4 }} />}
              </div>
            ),
          }))} />
          {tree.done && <Alert type="success" showIcon title="除治完成：已伐除、除害处理并处理伐桩" />}
          {tree.allowedNext.length > 0 && (
            <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="dead-tree-step-form">
              <Typography.Title level={5}>记录下一环节</Typography.Title>
              <Form.Item name="step" label="环节" rules={[{ required: true }]}>
                <Radio.Group optionType="button" options={tree.allowedNext.map((s) => ({ value: s, label: deadTreeStepNames[s] }))} />
              </Form.Item>
              <Space wrap>
                <Form.Item name="at" label="时间" rules={[{ required: true, message: '请填写时间' }]}><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
                <Form.Item name="person" label="操作人" rules={[{ required: true, whitespace: true, message: '请填写操作人' }]}><Input style={{ width: 140 }} /></Form.Item>
              </Space>
              {step === 'sampled' && (
                <Space wrap>
                  <Form.Item name="sampleNo" label="样品编号"><Input style={{ width: 160 }} /></Form.Item>
                  <Form.Item name="labReceivedAt" label="实验室收样时间（不填即取样时间）"><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" /></Form.Item>
                </Space>
              )}
              {step === 'result' && (
                <Form.Item name="outcome" label="检测结果" rules={[{ required: true, message: '请选择检测结果' }]}>
                  <Radio.Group options={[{ value: 'positive', label: '检出松材线虫' }, { value: 'negative', label: '未检出' }]} />
                </Form.Item>
              )}
              {step === 'disposed' && (
                <>
                  <Form.Item name="method" label="除害处理方式" rules={[{ required: true, message: '请选择处理方式' }]}>
                    <Select style={{ width: 200 }} options={Object.entries(disposalMethodNames).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item name="stumpHeightCm" label="伐桩高度（cm，≤5）"><InputNumber min={0} step={0.5} aria-label="伐桩高度" /></Form.Item>
                    {method === 'chipped' && <Form.Item name="chipSizeCm" label="粉碎粒径（cm，≤1）"><InputNumber min={0} step={0.1} aria-label="粉碎粒径" /></Form.Item>}
                    {method === 'chipped' && <Form.Item name="chipThicknessCm" label="削片厚度（cm，≤0.6）"><InputNumber min={0} step={0.1} aria-label="削片厚度" /></Form.Item>}
                    {method === 'peeled' && <Form.Item name="peelThicknessCm" label="旋切厚度（cm，<0.3）"><InputNumber min={0} step={0.05} aria-label="旋切厚度" /></Form.Item>}
                  </Space>
                  {method === 'mesh_fumigated' && <Form.Item name="fumigated" valuePropName="checked"><Checkbox>网罩内已施药熏蒸</Checkbox></Form.Item>}
                  <Form.Item name="branchesTreated" valuePropName="checked"><Checkbox>直径 1 cm 以上枝丫已一并处理</Checkbox></Form.Item>
                </>
              )}
              <Form.Item name="photos" label="现场照片"><PhotoPicker camera={false} /></Form.Item>
              <Form.Item name="note" label="备注"><Input /></Form.Item>
              <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
            </Form>
          )}
          {problem && <Alert type="error" title={problem} showIcon role="alert" />}
        </Space>
      )}
    </Drawer>
  );
}

function disposalText(d: Record<string, unknown>): string {
  const parts = [String(d.methodName ?? d.method ?? '')];
  if (typeof d.stumpHeightCm === 'number') parts.push(`伐桩 ${d.stumpHeightCm} cm`);
  if (typeof d.chipSizeCm === 'number') parts.push(`粒径 ${d.chipSizeCm} cm`);
  if (typeof d.chipThicknessCm === 'number') parts.push(`厚度 ${d.chipThicknessCm} cm`);
  if (typeof d.peelThicknessCm === 'number') parts.push(`旋切 ${d.peelThicknessCm} cm`);
  return parts.join(' · ');
}
