import { useEffect, useState } from 'react';
import { Alert, Button, DatePicker, Drawer, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, ApiError, formFieldOf } from '../../api/client.ts';
import { UnitSelect } from '../../components/UnitSelect.tsx';
import { options } from '../../labels.ts';
import { errorText } from '../fire/fire-labels.tsx';
import { stationLevelNames, type Station } from './wildlife-types.ts';

interface Candidate { id: string; name: string; username: string; roles: string[] }

/** Creates or edits a monitoring station: where it is, who reports daily, who is told of a missed day. */
export function StationDrawer({ station, onClose, onSaved }: { station: Station | null; onClose: () => void; onSaved: (s: Station) => void }) {
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [users, setUsers] = useState<Candidate[]>([]);
  const search = (q: string) => void api<Candidate[]>('GET', `/api/wildlife/candidates?q=${encodeURIComponent(q)}`).then((found) => setUsers((old) => [...new Map([...old, ...found].map((u) => [u.id, u])).values()])).catch(() => undefined);
  useEffect(() => {
    search('');
    if (station) setUsers((old) => [...old, ...(station.supervisor ? [{ ...station.supervisor, username: '', roles: [] }] : []), ...station.reporters.map((r) => ({ ...r, roles: [] }))]);
  }, [station]);
  const save = async (v: { name: string; unitCode: string; level: Station['level']; lon: number; lat: number; supervisorUserId?: string; reporterUserIds?: string[]; activeFrom: Dayjs; activeTo?: Dayjs | null; note?: string }) => {
    setBusy(true);
    setProblem(null);
    const body = {
      name: v.name.trim(), unitCode: v.unitCode, level: v.level, lon: v.lon, lat: v.lat, supervisorUserId: v.supervisorUserId ?? null, reporterUserIds: v.reporterUserIds ?? [],
      activeFrom: v.activeFrom.format('YYYY-MM-DD'), activeTo: v.activeTo ? v.activeTo.format('YYYY-MM-DD') : null, note: v.note?.trim() || null,
    };
    try {
      onSaved(station ? await api<Station>('PUT', `/api/wildlife/stations/${station.id}`, { ...body, version: station.version }) : await api<Station>('POST', '/api/wildlife/stations', body));
    } catch (e) {
      if (e instanceof ApiError) form.setFields(e.errors.map((x) => ({ name: (formFieldOf(x) ?? '').split('.')[0]!, errors: [x.message] })).filter((x) => x.name));
      setProblem(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const userOptions = users.map((u) => ({ value: u.id, label: `${u.name}${u.username ? `（${u.username}）` : ''}` }));
  return (
    <Drawer title={station ? `修改站点：${station.name}` : '新建监测站点'} open onClose={onClose} size={560}
      footer={<Space style={{ justifyContent: 'flex-end', width: '100%' }}><Button onClick={onClose}>取消</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button></Space>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}
        initialValues={station ? {
          ...station, supervisorUserId: station.supervisor?.id, reporterUserIds: station.reporters.map((r) => r.id), activeFrom: dayjs(station.activeFrom), activeTo: station.activeTo ? dayjs(station.activeTo) : null,
        } : { level: 'county', activeFrom: dayjs() }}>
        <Form.Item name="name" label="站点名称" rules={[{ required: true, whitespace: true, message: '请填写站点名称' }]}><Input /></Form.Item>
        <Space wrap>
          <Form.Item name="unitCode" label="所在区划" rules={[{ required: true, message: '请选择区划' }]}><UnitSelect style={{ width: 220 }} /></Form.Item>
          <Form.Item name="level" label="级别" rules={[{ required: true }]}><Select style={{ width: 120 }} options={options(stationLevelNames)} /></Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="lon" label="经度" rules={[{ required: true, message: '请填写' }]}><InputNumber style={{ width: 150 }} step={0.0001} /></Form.Item>
          <Form.Item name="lat" label="纬度" rules={[{ required: true, message: '请填写' }]}><InputNumber style={{ width: 150 }} step={0.0001} /></Form.Item>
        </Space>
        <Form.Item name="reporterUserIds" label="报告人（可报送本站日报）"><Select mode="multiple" showSearch filterOption={false} onSearch={search} options={userOptions} /></Form.Item>
        <Form.Item name="supervisorUserId" label="监管员（缺报时接收提醒）"><Select allowClear showSearch filterOption={false} onSearch={search} options={userOptions} /></Form.Item>
        <Space wrap>
          <Form.Item name="activeFrom" label="启用日期" rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="activeTo" label="停用日期"><DatePicker /></Form.Item>
        </Space>
        <Form.Item name="note" label="备注"><Input /></Form.Item>
      </Form>
      {problem && <Alert type="error" title={problem} showIcon role="alert" />}
    </Drawer>
  );
}
