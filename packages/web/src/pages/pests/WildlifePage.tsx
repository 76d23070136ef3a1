import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Space, Table, Tabs, Tag, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { initialUnit } from '../../url-params.ts';
import { api } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { errorText } from '../fire/fire-labels.tsx';
import { BoarDamagePanel } from './BoarDamagePanel.tsx';
import { StationDrawer } from './StationDrawer.tsx';
import { WildlifeCalendar } from './WildlifeCalendar.tsx';
import { WildlifeReportDrawer } from './WildlifeReportDrawer.tsx';
import { stationLevelNames, type Calendar, type CalendarDay, type Missing, type Station } from './wildlife-types.ts';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** 有害生物与野生动物 › 疫源疫病监测: stations, each station's month of daily reports with the gaps, missed days, boar damage. */
export function WildlifePage() {
  const user = useUser();
  const manages = user.roles.some((r) => r === 'admin' || r === 'staff');
  const [toast, holder] = message.useMessage();
  const [stations, setStations] = useState<Station[]>([]);
  // ?station=…&month=YYYY-MM opens a station's month directly (a link from a missed-report notice, a test);
  // ?unit=…&from=…&to=… (an indicator's or the assessment's link) lists that unit's stations and the gaps of that range.
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<{ unit?: string; from?: string; to?: string }>(() => {
    const day = (name: string) => { const v = params.get(name); return v && /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v) ? v : undefined; };
    const [from, to] = [day('from'), day('to')];
    return { ...(initialUnit() ? { unit: initialUnit()! } : {}), ...(from && to && from <= to ? { from, to } : {}) };
  });
  const [selected, setSelected] = useState<string | null>(() => params.get('station'));
  const [month, setMonth] = useState(() => (/^\d{4}-(0[1-9]|1[0-2])$/.test(params.get('month') ?? '') ? params.get('month')! : (filter.to ?? today()).slice(0, 7)));
  const [unitName, setUnitName] = useState<string | null>(null);
  useEffect(() => {
    if (filter.unit) void api<{ shortName: string }>('GET', `/api/units/${filter.unit}`).then((u) => setUnitName(u.shortName), () => setUnitName(null));
  }, [filter.unit]);
  const [calendar, setCalendar] = useState<Calendar | null>(null);
  const [missing, setMissing] = useState<Missing[]>([]);
  const [editing, setEditing] = useState<Station | 'new' | null>(null);
  const [reporting, setReporting] = useState<string | null>(null); // the date
  const [version, setVersion] = useState(0);
  const onError = useCallback((e: unknown) => void toast.error(errorText(e)), [toast]);
  useEffect(() => {
    void api<Station[]>('GET', `/api/wildlife/stations${filter.unit ? `?unit=${filter.unit}` : ''}`).then((list) => {
      setStations(list);
      setSelected((s) => (s && list.some((x) => x.id === s) ? s : list[0]?.id ?? null));
    }).catch(onError);
    const to = filter.to ?? today();
    const from = filter.from ?? dayjs(to).subtract(30, 'day').format('YYYY-MM-DD');
    void api<Missing[]>('GET', `/api/wildlife/missing?from=${from}&to=${to}${filter.unit ? `&unit=${filter.unit}` : ''}`).then(setMissing).catch(onError);
  }, [version, onError, filter]);
  useEffect(() => {
    if (!selected) return setCalendar(null);
    void api<Calendar>('GET', `/api/wildlife/stations/${selected}/calendar?month=${month}`).then(setCalendar).catch(onError);
  }, [selected, month, version, onError]);
  const station = stations.find((s) => s.id === selected) ?? null;
  const pick = (d: CalendarDay) => {
    if (!station?.canReport) return void toast.info('您不是该站点的报告人');
    if (d.state === 'future' || d.state === 'inactive') return;
    setReporting(d.date);
  };

  return (
    <Card>
      {holder}
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>陆生野生动物疫源疫病监测</Typography.Title>
        <Typography.Text type="secondary">每个监测站点每日报告，未发现异常报“零报告”；截止时间后仍未报送即为缺报，通知站点监管员</Typography.Text>
      </Space>
      {(filter.unit || filter.from) && (
        <Tag closable color="blue" style={{ marginBottom: 12 }} data-testid="link-filter" onClose={() => setFilter({})}>
          按链接筛选：{filter.unit ? (unitName ?? filter.unit) : ''}{filter.unit && filter.from ? '，' : ''}{filter.from ? `${filter.from} 至 ${filter.to}` : ''}
        </Tag>
      )}
      <Tabs items={[
        {
          key: 'reports', label: '站点与日报',
          children: (
            <Row gutter={16}>
              <Col xs={24} lg={10}>
                <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
                  <Typography.Text strong>监测站点（{stations.length}）</Typography.Text>
                  {manages && <Button onClick={() => setEditing('new')}>新建站点</Button>}
                </Space>
                <Table<Station> rowKey="id" size="small" dataSource={stations} pagination={false} data-testid="station-table"
                  rowSelection={{ type: 'radio', selectedRowKeys: selected ? [selected] : [], onChange: (keys) => setSelected(String(keys[0])) }}
                  onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: '站点', dataIndex: 'name', render: (n: string, r) => <div>{n}<div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.unitName} · {stationLevelNames[r.level]}</Typography.Text></div></div> },
                    { title: '报告人', key: 'rep', render: (_, r) => r.reporters.map((p) => p.name).join('、') || '—' },
                    { title: '监管员', key: 'sup', render: (_, r) => r.supervisor?.name ?? '—', width: 80 },
                    { title: '', key: 'edit', width: 56, render: (_, r) => r.canEdit && <Button size="small" type="link" onClick={(e) => { e.stopPropagation(); setEditing(r); }}>修改</Button> },
                  ]} />
                <Typography.Text strong style={{ display: 'block', margin: '16px 0 8px' }}>{filter.from ? `${filter.from} 至 ${filter.to} 缺报` : '近 30 天缺报'}（{missing.length}）</Typography.Text>
                <Table<Missing> rowKey={(r) => `${r.stationId}|${r.date}`} size="small" dataSource={missing} pagination={{ pageSize: 8 }} data-testid="missing-table"
                  columns={[
                    { title: '日期', dataIndex: 'date', width: 100 },
                    { title: '站点', dataIndex: 'stationName' },
                    { title: '监管员', dataIndex: 'supervisorName', render: (v: string | null) => v ?? '—', width: 80 },
                    { title: '通知', dataIndex: 'flaggedAt', render: (v: string | null) => (v ? <Tag color="red">已通知</Tag> : <Tag>待检查</Tag>), width: 80 },
                  ]} />
              </Col>
              <Col xs={24} lg={14}>
                <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
                  <Typography.Text strong>{station ? `${station.name} · 报送日历` : '请选择站点'}</Typography.Text>
                  <Space>
                    <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} aria-label="月份" />
                    {station?.canReport && <Button type="primary" onClick={() => setReporting(today())}>填报今日日报</Button>}
                  </Space>
                </Space>
                {calendar && <WildlifeCalendar calendar={calendar} onPick={pick} />}
              </Col>
            </Row>
          ),
        },
        { key: 'boar', label: '野猪致害与补偿', children: <BoarDamagePanel stations={stations} /> },
      ]} />
      {editing && <StationDrawer station={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={(s) => { setEditing(null); setSelected(s.id); setVersion((v) => v + 1); void toast.success('站点已保存'); }} />}
      {reporting && station && (
        <WildlifeReportDrawer station={station} date={reporting} onClose={() => setReporting(null)}
          onSaved={(r) => { setReporting(null); setVersion((v) => v + 1); void toast.success(r.problemId ? '日报已报送，异常死亡已立为问题' : r.zero ? '零报告已报送' : '日报已报送'); }} />
      )}
    </Card>
  );
}
