import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Radio, Result, Select, Space, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { problemCategoryNames, type ProblemCategory } from '@linzhang/domain';
import { api, ApiError, formFieldOf, upload } from '../api/client.ts';
import { options } from '../labels.ts';
import { newReceiptId } from '../mobile/ids.ts';
import { PhotoPicker } from '../components/PhotoPicker.tsx';
import { positionText, useCurrentPosition } from '../components/useCurrentPosition.ts';

interface Values {
  kind: 'problem' | 'fire';
  category: ProblemCategory;
  description: string;
  lon: number;
  lat: number;
  name?: string;
  phone?: string;
  photos?: File[];
}
interface Receipt {
  id: string;
  created: boolean;
  unitName: string;
}

/** 群众举报 (/report, no login): anyone who scans the QR code reports a problem with its place and a photo. */
export function PublicReportPage() {
  const [form] = Form.useForm<Values>();
  const [draftId, setDraftId] = useState(() => newReceiptId()); // a retry after a lost answer files one report
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { position, error: gpsError } = useCurrentPosition(receipt === null);
  const kind = Form.useWatch('kind', form) ?? 'problem';

  // The device's fix fills the place unless the person typed one.
  useEffect(() => {
    if (position && !form.isFieldsTouched(['lon', 'lat'])) form.setFieldsValue({ lon: Number(position.lon.toFixed(6)), lat: Number(position.lat.toFixed(6)) });
  }, [position, form]);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const photos: string[] = [];
      const fire = v.kind === 'fire';
      if (!fire) for (const f of v.photos ?? []) photos.push((await upload<{ id: string }>('/api/public/files', f)).id);
      // 火情 opens a fire record (source 群众报告) and its problem in the loop; the category is then always 火灾隐患.
      const r = await api<Receipt>('POST', '/api/public/problems', {
        id: draftId, ...(fire ? { kind: 'fire', category: 'fire_hazard' } : { category: v.category }), description: v.description.trim(), lon: v.lon, lat: v.lat,
        ...(v.name?.trim() ? { name: v.name.trim() } : {}), ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}), ...(photos.length ? { photos } : {}),
      });
      setReceipt(r);
      window.scrollTo(0, 0);
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) setError(`${e.message}。为防止恶意刷单，同一网络每小时可提交的举报有限；紧急火情请直接拨打 12119。`);
      else if (e instanceof ApiError) {
        const shown = new Set(['category', 'description', 'lon', 'lat', 'name', 'phone']);
        form.setFields(e.errors.flatMap((fe) => {
          const field = formFieldOf(fe);
          return field && shown.has(field) ? [{ name: field as keyof Values, errors: [fe.message] }] : [];
        }));
        setError(e.errors[0]?.message ?? e.message);
      } else setError('网络异常，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    form.resetFields();
    setDraftId(newReceiptId());
    setReceipt(null);
  };

  return (
    <div style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #e8f3ea, #c9e2cf)', padding: '16px 12px' }}>
      <Card style={{ maxWidth: 520, margin: '0 auto' }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>森林问题举报</Typography.Title>
        <Typography.Paragraph type="secondary">
          发现乱砍滥伐、毁林占地、野外用火、松树异常死亡、野生动物异常死亡等问题，请告诉我们。无需登录，当地林长会尽快处理。
        </Typography.Paragraph>
        {receipt ? (
          <Result status="success" title="举报已提交" style={{ padding: '16px 0' }}
            subTitle="已转交所在地林长办理，感谢您守护森林！"
            extra={<Button type="primary" onClick={again}>再报一件</Button>}>
            <div data-testid="receipt" style={{ fontSize: 15, lineHeight: '28px' }}>
              <div>编号：<Typography.Text strong copyable data-testid="receipt-id">{receipt.id}</Typography.Text></div>
              <div>所属区划：<Typography.Text strong>{receipt.unitName}</Typography.Text></div>
            </div>
          </Result>
        ) : (
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} initialValues={{ kind: 'problem' }}>
            <Form.Item name="kind" label="举报类型">
              <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'problem', label: '森林问题' }, { value: 'fire', label: '火情' }]} />
            </Form.Item>
            {kind === 'fire' ? (
              <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="看到山火、冒烟请立即报告；情况紧急请同时拨打 12119 森林火警电话。" />
            ) : (
              <Form.Item name="category" label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
                <Select options={options(problemCategoryNames)} placeholder="请选择" />
              </Form.Item>
            )}
            <Form.Item name="description" label="问题描述" rules={[{ required: true, whitespace: true, message: '请描述问题' }, { min: 4, message: '请至少写 4 个字' }, { max: 2000 }]}>
              <Input.TextArea rows={4} placeholder={kind === 'fire' ? '哪座山、火势多大、有没有人在扑救' : '什么时候、在哪里、看到了什么'} />
            </Form.Item>
            <Form.Item label="位置" required extra={position ? `当前定位：${positionText(position)}` : (gpsError ?? '正在获取当前位置…也可以直接填写经纬度')}>
              <Space.Compact style={{ width: '100%' }}>
                <Form.Item name="lon" noStyle rules={[{ required: true, message: '请填写经度' }]}>
                  <InputNumber min={73} max={136} step={0.0001} placeholder="经度" style={{ width: '42%' }} aria-label="经度" />
                </Form.Item>
                <Form.Item name="lat" noStyle rules={[{ required: true, message: '请填写纬度' }]}>
                  <InputNumber min={3} max={54} step={0.0001} placeholder="纬度" style={{ width: '42%' }} aria-label="纬度" />
                </Form.Item>
                <Button icon={<AimOutlined />} style={{ width: '16%' }} aria-label="使用当前位置" title="使用当前位置"
                  disabled={!position} onClick={() => position && form.setFieldsValue({ lon: Number(position.lon.toFixed(6)), lat: Number(position.lat.toFixed(6)) })} />
              </Space.Compact>
            </Form.Item>
            {kind !== 'fire' && (
              <Form.Item name="photos" label="现场照片（选填，最多 3 张）">
                <PhotoPicker max={3} camera={false} />
              </Form.Item>
            )}
            <Form.Item name="name" label="您的称呼（选填）" rules={[{ max: 50 }]}>
              <Input autoComplete="name" />
            </Form.Item>
            <Form.Item name="phone" label="联系电话（选填，仅办理人员可见）" rules={[{ pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, message: '请填写手机号或固定电话' }]}>
              <Input inputMode="tel" autoComplete="tel" />
            </Form.Item>
            {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
            <Button type="primary" htmlType="submit" size="large" block loading={busy}>提交举报</Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
