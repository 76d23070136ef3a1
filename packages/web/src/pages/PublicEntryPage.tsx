import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, AutoComplete, Button, Card, Checkbox, Form, Input, Radio, Result, Spin, Typography } from 'antd';
import { api, ApiError, formFieldOf } from '../api/client.ts';
import { localTime } from '../labels.ts';
import { fireOrderKindNames, orderPeriod, type FireOrder } from './fire/fire-labels.ts';

interface PointInfo { code: string; name: string; unitPath: string[]; notice: string; ban: FireOrder | null }
interface Values { name: string; phone: string; idTail?: string; purpose: string; fireSource: boolean; pledge: boolean }
/** What the visitor's phone keeps between registering and checking out. */
interface Visit { token: string; enteredAt: string; pointName: string }

const visitKey = (code: string) => `linzhang-entry-${code}`;
const purposes = ['徒步游玩', '采摘菌子山货', '务农生产', '放牧', '祭扫', '科研调查', '施工作业'].map((value) => ({ value }));

/** 扫码入林 (/entry/:code, no login): the visitor registers with the fire-safety pledge, keeps a check-out button, and is turned away during a ban. */
export function PublicEntryPage() {
  const { code = '' } = useParams();
  const [info, setInfo] = useState<PointInfo | null>(null);
  const [missing, setMissing] = useState(false);
  const [visit, setVisit] = useState<Visit | null>(() => {
    try { return JSON.parse(localStorage.getItem(visitKey(code)) ?? 'null') as Visit | null; } catch { return null; }
  });
  const [refusal, setRefusal] = useState<string | null>(null);
  const [left, setLeft] = useState<{ enteredAt: string; exitedAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  const load = useCallback(async () => {
    try {
      setInfo(await api<PointInfo>('GET', `/api/public/entry/${encodeURIComponent(code)}`));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) setMissing(true);
      else setError('网络异常，请稍后再试');
    }
  }, [code]);
  useEffect(() => void load(), [load]);

  const register = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ token: string; enteredAt: string; pointName: string }>('POST', `/api/public/entry/${encodeURIComponent(code)}`, {
        name: v.name.trim(), phone: v.phone.trim(), purpose: v.purpose.trim(), fireSource: v.fireSource, pledge: v.pledge, ...(v.idTail?.trim() ? { idTail: v.idTail.trim() } : {}),
      });
      const kept: Visit = { token: r.token, enteredAt: r.enteredAt, pointName: r.pointName };
      localStorage.setItem(visitKey(code), JSON.stringify(kept));
      setVisit(kept);
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError && e.status === 403) setRefusal(e.message);
      else if (e instanceof ApiError && e.status === 429) setError(`${e.message}。同一网络每小时可登记的次数有限。`);
      else if (e instanceof ApiError) {
        form.setFields(e.errors.flatMap((fe) => { const f = formFieldOf(fe); return f ? [{ name: f as keyof Values, errors: [f === 'phone' ? '请填写 11 位手机号' : fe.message] }] : []; }));
        setError(e.errors[0]?.message ?? e.message);
      } else setError('网络异常，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  const checkOut = async () => {
    if (!visit) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ enteredAt: string; exitedAt: string }>('POST', '/api/public/entry-checkout', { token: visit.token });
      localStorage.removeItem(visitKey(code));
      setVisit(null);
      setLeft(r);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) { localStorage.removeItem(visitKey(code)); setVisit(null); setError('未找到您的入林登记（可能已超过保存期限）'); }
      else setError('网络异常，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  const ban = info?.ban ?? null;
  const banText = refusal ?? (ban ? `${fireOrderKindNames[ban.kind]}期间禁止入林。${ban.issuer}《${ban.title}》（${ban.docNo}）：${ban.body}` : null);
  let content: React.ReactNode;
  if (missing) content = <Result status="404" title="入林点不存在或已停用" subTitle="请扫描入林口张贴的二维码" />;
  else if (!info) content = <div style={{ textAlign: 'center', padding: 40 }}><Spin /></div>;
  else if (left) content = <Result status="success" title="已登记出林" subTitle={`入林 ${localTime(left.enteredAt)}，出林 ${localTime(left.exitedAt)}。感谢您守护森林！`} />;
  else if (visit) {
    content = (
      <Result status="success" title="已登记入林" style={{ padding: '16px 0' }}
        subTitle={<span data-testid="visit">{visit.pointName}，{localTime(visit.enteredAt)} 入林。请勿携带火种，出林时点击下方按钮。</span>}
        extra={<Button type="primary" size="large" danger block loading={busy} onClick={() => void checkOut()}>出林登记</Button>} />
    );
  } else if (banText) {
    content = (
      <Result status="error" title="禁止入林" style={{ padding: '16px 0' }}
        subTitle={ban ? `${orderPeriod(ban)}，${ban.areaNames.join('、')}` : undefined}>
        <Typography.Paragraph data-testid="ban-text" style={{ whiteSpace: 'pre-wrap', textAlign: 'left' }}>{banText}</Typography.Paragraph>
      </Result>
    );
  } else {
    content = (
      <Form form={form} layout="vertical" onFinish={(v) => void register(v)} disabled={busy} initialValues={{ fireSource: false, pledge: false }}>
        <Form.Item name="name" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 50 }]}><Input autoComplete="name" /></Form.Item>
        <Form.Item name="phone" label="手机号" rules={[{ required: true, message: '请填写手机号' }, { pattern: /^1[3-9]\d{9}$/, message: '请填写 11 位手机号' }]}><Input inputMode="tel" autoComplete="tel" maxLength={11} /></Form.Item>
        <Form.Item name="idTail" label="身份证号后四位（选填）" rules={[{ pattern: /^\d{3}[\dXx]$/, message: '请填写 4 位，末位可为 X' }]}><Input maxLength={4} /></Form.Item>
        <Form.Item name="purpose" label="入林事由" rules={[{ required: true, whitespace: true, message: '请填写入林事由' }, { max: 100 }]}><AutoComplete options={purposes} placeholder="如 徒步游玩" /></Form.Item>
        <Form.Item name="fireSource" label="是否携带火种（打火机、火柴等）" rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={[{ value: false, label: '否' }, { value: true, label: '是' }]} />
        </Form.Item>
        <Alert type="warning" title="森林防火须知" description={info.notice} style={{ marginBottom: 12 }} />
        <Form.Item name="pledge" valuePropName="checked" rules={[{ validator: (_, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error('请勾选承诺'))) }]}>
          <Checkbox>我已阅读防火须知，承诺遵守，不携带火种进山、不在林区用火</Checkbox>
        </Form.Item>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Button type="primary" htmlType="submit" size="large" block loading={busy}>登记入林</Button>
      </Form>
    );
  }

  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #e8f3ea, #c9e2cf)', padding: '16px 12px' }}>
      <Card style={{ maxWidth: 520, margin: '0 auto' }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>扫码入林登记</Typography.Title>
        {info && <Typography.Paragraph type="secondary" data-testid="point">{info.name}（{info.unitPath.join(' · ')}）</Typography.Paragraph>}
        {content}
        {error && (visit || left) && <Alert type="error" title={error} showIcon style={{ marginTop: 16 }} role="alert" />}
      </Card>
    </div>
  );
}
