import { useEffect, useState } from 'react';
import { Alert, Card, Col, Empty, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, ApiError, query } from '../../api/client.ts';
import { useUser } from '../../auth.tsx';
import { UnitSelect } from '../../components/UnitSelect.tsx';

interface Figure { key: string; label: string; value: number | null; unit: string; note: string | null; link: string }
interface Ranked { name: string; total: number; rank: number }
interface Section { key: string; title: string; figures: Figure[]; ranking?: { title: string; period: string; top: Ranked[]; bottom: Ranked[]; own: boolean; ranked: number } | null }
interface Dashboard { unitCode: string; unitName: string; today: string; asOf: string; sections: Section[] }

/** Figures where more is worse: shown in red when not zero. */
const alarming = new Set(['targets_behind', 'targets_missing_reports', 'problems_overdue_now', 'fires_open', 'fire_danger_warning', 'forest_fires']);

/** 领导驾驶舱: the unit's targets, duties, problems, fire, pests, resources and ranking; every figure opens its records. */
export function DashboardPage() {
  const user = useUser();
  const [unit, setUnit] = useState<string | undefined>(user.scopeUnit.code);
  const [board, setBoard] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // A slower answer for a unit left behind must not replace the one asked for now.
    let current = true;
    setBoard(null);
    api<Dashboard>('GET', `/api/dashboard${query({ unit })}`).then(
      (d) => { if (current) { setBoard(d); setError(null); } },
      (e: unknown) => { if (current) setError(e instanceof ApiError ? e.message : '加载失败'); },
    );
    return () => { current = false; };
  }, [unit]);

  const figureCard = (f: Figure) => (
    <Col key={f.key} xs={12} md={8} xl={4}>
      <Link to={f.link} data-testid={`figure-${f.key}`}>
        <Card size="small" hoverable style={{ height: '100%' }}>
          <Statistic title={f.label} value={f.value ?? '—'} suffix={f.value === null ? undefined : f.unit}
            styles={{ content: { color: alarming.has(f.key) && f.value ? '#cf1322' : undefined, fontSize: 22 } }} />
          {f.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.note}</Typography.Text>}
        </Card>
      </Link>
    </Col>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>领导驾驶舱</Typography.Title>
          <UnitSelect value={unit} onChange={(v) => setUnit(v ?? user.scopeUnit.code)} allowClear={false} />
          {board && <Typography.Text type="secondary">{board.unitName} · {board.today}（每项数字可点击查看对应记录）</Typography.Text>}
        </Space>
      </Card>
      {error && <Alert type="error" title={error} />}
      {!board && !error && <Card loading />}
      {board?.sections.map((s) => (
        <Card key={s.key} title={s.title} size="small" data-testid={`section-${s.key}`}>
          {s.key === 'ranking' ? (
            s.ranking ? (
              <Row gutter={[16, 8]}>
                {s.ranking.own ? (
                  <Col xs={24} md={12}>
                    <Typography.Text strong>本镇排名（{s.ranking.period}，全县 {s.ranking.ranked} 个乡镇街道）</Typography.Text>
                    {s.ranking.top.map((r) => <div key={r.name} data-testid="own-rank"><Tag color="blue">第 {r.rank} 名</Tag>{r.name} {r.total} 分</div>)}
                  </Col>
                ) : (
                  <Col xs={24} md={12}>
                    <Typography.Text strong>前三名（{s.ranking.period}）</Typography.Text>
                    {s.ranking.top.map((r) => <div key={r.name}><Tag color="green">{r.rank}</Tag>{r.name} {r.total} 分</div>)}
                  </Col>
                )}
                <Col xs={24} md={12}>
                  {s.ranking.bottom.length > 0 && <Typography.Text strong>后三名</Typography.Text>}
                  {s.ranking.bottom.map((r) => <div key={r.name}><Tag color="red">{r.rank}</Tag>{r.name} {r.total} 分</div>)}
                </Col>
                <Col span={24}><Link to="/assessment">{s.ranking.own ? `查看本镇在${s.ranking.title}中的得分与依据` : `查看${s.ranking.title}全部得分与依据`}</Link></Col>
              </Row>
            ) : <Empty description={board.unitCode.slice(9) !== '000' ? '考核排名以乡镇（街道）为单位，请在乡镇查看'
              : board.unitCode.slice(6) !== '000000' ? '县级尚未制定考核方案：制定后这里显示本镇的排名'
              : <span>尚无考核方案，<Link to="/assessment">制定考核方案</Link></span>} />
          ) : (
            <Row gutter={[12, 12]}>{s.figures.map(figureCard)}</Row>
          )}
        </Card>
      ))}
    </Space>
  );
}
