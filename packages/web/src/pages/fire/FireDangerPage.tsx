import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Card, Col, Row, Select, Space, Table, Tag, Tooltip, Typography, message } from 'antd';
import { FlagFilled } from '@ant-design/icons';
import { fireDangerLevelInfo, fireDangerLevels, fireDangerMethodNames, type FireDangerLevel, type FireDangerMethod } from '@linzhang/domain';
import type { ExpressionSpecification } from 'maplibre-gl';
import { api, ApiError, query } from '../../api/client.ts';
import { maplibregl, ownLayersStyle } from '../../components/map-style.ts';

export interface UnitDanger {
  unitCode: string; unitName: string; unitLevel: string; date: string; level: FireDangerLevel; forecast: boolean; method: FireDangerMethod; levelName: string;
  colour: string; warning: boolean; value: number; explanation: string; stationId: string; stationCode: string; stationName: string;
}
interface DangerDay { date: string; today: string; dates: { date: string; forecast: boolean }[]; units: UnitDanger[] }

/** The QX/T 77-2007 colour of a level as CSS (the domain names the colour). */
export const levelColour = (level: FireDangerLevel): string => ({ green: '#2f9e44', blue: '#1c7ed6', yellow: '#f5c400', orange: '#f08c00', red: '#e03131' } as Record<string, string>)[fireDangerLevelInfo[level].colour] ?? fireDangerLevelInfo[level].colour;

export function LevelTag({ level }: { level: FireDangerLevel }) {
  const info = fireDangerLevelInfo[level];
  return (
    <span style={{ display: 'inline-block', padding: '0 8px', borderRadius: 4, lineHeight: '22px', whiteSpace: 'nowrap', background: levelColour(level), color: level === 3 ? '#333' : '#fff' }}>
      {info.label} {info.name}
    </span>
  );
}

/** The viewer's towns (or villages) coloured by a day's level from the server's unit tiles; no remote basemap. */
function DangerMap({ units }: { units: UnitDanger[] }) {
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<maplibregl.Map | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const m = new maplibregl.Map({
      container: box.current, attributionControl: false, center: [108.77, 28.84], zoom: 8,
      style: ownLayersStyle({}, [
        { id: 'danger-fill', type: 'fill', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'code'], ''], paint: { 'fill-color': '#ccc', 'fill-opacity': 0.65 } },
        { id: 'danger-line', type: 'line', source: 'units', 'source-layer': 'units', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#333', 'line-width': 1 } },
      ]),
    });
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    map.current = m;
    return () => { m.remove(); map.current = null; };
  }, []);
  const key = JSON.stringify(units.map((u) => [u.unitCode, u.level]));
  useEffect(() => {
    const m = map.current;
    if (!m) return;
    const pairs = JSON.parse(key) as [string, FireDangerLevel][];
    const apply = () => {
      const codes = pairs.map(([c]) => c);
      const filter: ExpressionSpecification = ['in', ['get', 'code'], ['literal', codes]];
      m.setFilter('danger-fill', filter);
      m.setFilter('danger-line', filter);
      m.setPaintProperty('danger-fill', 'fill-color', pairs.length ? ['match', ['get', 'code'], ...pairs.flatMap(([c, l]) => [c, levelColour(l)]), '#ccc'] as unknown as ExpressionSpecification : '#ccc');
    };
    if (m.isStyleLoaded()) apply();
    else m.once('load', apply);
  }, [key]);
  return <div ref={box} data-testid="danger-map" style={{ height: 480, borderRadius: 8, overflow: 'hidden' }} />;
}

/** 森林防火 › 今日火险: each town's (or village's) fire danger level of a day on a map and in a table, with its grounds. */
export function FireDangerPage() {
  const [toast, holder] = message.useMessage();
  const [date, setDate] = useState<string | undefined>();
  const [day, setDay] = useState<DangerDay | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setLoading(true);
    api<DangerDay>('GET', `/api/fire/danger${query({ date })}`).then(setDay)
      .catch((e: unknown) => void toast.error(e instanceof ApiError ? e.message : '读取失败')).finally(() => setLoading(false));
  }, [date, toast]);
  const dateOptions = useMemo(() => {
    const list = [...(day?.dates ?? [])];
    if (day && !list.some((d) => d.date === day.today)) list.push({ date: day.today, forecast: false });
    return list.sort((a, b) => b.date.localeCompare(a.date)).map((d) => ({ value: d.date, label: `${d.date}${d.date === day?.today ? '（今天）' : ''}${d.forecast ? ' 预报' : ''}` }));
  }, [day]);
  const units = day?.units ?? [];
  const warned = units.filter((u) => u.warning);
  const forecast = units.some((u) => u.forecast);
  return (
    <Card>
      {holder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>今日火险</Typography.Title>
          <Space>
            <span>日期</span>
            <Select data-testid="danger-date" style={{ width: 220 }} value={day?.date} options={dateOptions} onChange={setDate} />
            {forecast && <Tag color="purple">预报</Tag>}
          </Space>
        </Space>
        {day && !units.length && <Alert type="info" showIcon title={`${day.date} 没有火险等级：所辖乡镇（村）尚无气象站或该日没有观测/预报。可在“气象站与观测”录入。`} />}
        {warned.length > 0 && (
          <Alert type="warning" showIcon icon={<FlagFilled style={{ color: levelColour(Math.max(...warned.map((u) => u.level)) as FireDangerLevel) }} />}
            title={`${warned.length} 个区划火险等级达三级及以上，应悬挂火险警示旗：${warned.map((u) => `${u.unitName}（${fireDangerLevelInfo[u.level].label}）`).join('、')}`} />
        )}
        <Row gutter={16}>
          <Col xs={24} lg={11}>
            <DangerMap units={units} />
            <Space size={12} style={{ marginTop: 8 }} wrap data-testid="danger-legend">
              {fireDangerLevels.map((l) => (
                <span key={l}><span style={{ display: 'inline-block', width: 14, height: 10, background: levelColour(l), marginRight: 4, border: '1px solid #999' }} />
                  {fireDangerLevelInfo[l].label} {fireDangerLevelInfo[l].name}{fireDangerLevelInfo[l].warning && <FlagFilled style={{ color: levelColour(l), marginLeft: 2 }} />}</span>
              ))}
            </Space>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              配色按 QX/T 77-2007；三级及以上悬挂警示旗。一个区划由多个气象站服务时取各站中最高的等级，并注明来自哪个站。
              各站的 FWI 指数按日连续计算：缺测一天（或到防火季起算日）即从起始值 FFMC 85、DMC 6、DC 15 重新起算。
              等级由“规则配置 › 森林火险等级划分表”中当日有效的方法与分级得出。
            </Typography.Paragraph>
          </Col>
          <Col xs={24} lg={13}>
            <Table<UnitDanger> rowKey="unitCode" size="small" loading={loading} dataSource={units} pagination={{ pageSize: 20 }}
              expandable={{ expandedRowRender: (u) => <Typography.Text style={{ fontSize: 12 }}>{u.explanation}</Typography.Text> }}
              columns={[
                { title: '区划', dataIndex: 'unitName', render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span> },
                { title: <span style={{ whiteSpace: 'nowrap' }}>火险等级</span>, dataIndex: 'level', sorter: (a, b) => a.level - b.level, defaultSortOrder: 'descend', render: (l: FireDangerLevel) => <LevelTag level={l} /> },
                { title: <span style={{ whiteSpace: 'nowrap' }}>警示</span>, dataIndex: 'warning', render: (w: boolean, u) => (w ? <Tooltip title="三级及以上悬挂警示旗"><FlagFilled style={{ color: levelColour(u.level) }} /></Tooltip> : '—') },
                { title: '指数', dataIndex: 'value', render: (v: number, u) => `${u.method === 'fwi' ? 'FWI' : 'LY/T'} ${v.toFixed(1)}` },
                { title: '方法', dataIndex: 'method', render: (m: FireDangerMethod) => <span style={{ fontSize: 12 }}>{fireDangerMethodNames[m] ?? m}</span> },
                { title: '气象站', dataIndex: 'stationName', render: (n: string, u) => `${n}（${u.stationCode}）` },
                { title: '', dataIndex: 'forecast', render: (f: boolean) => (f ? <Tag color="purple">预报</Tag> : null) },
              ]} />
          </Col>
        </Row>
      </Space>
    </Card>
  );
}
