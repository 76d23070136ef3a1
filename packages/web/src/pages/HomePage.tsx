import { useEffect, useState } from 'react';
import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, ApiError } from '../api/client.ts';
import type { ComplianceReport } from '../api/patrol-types.ts';
import { useUser } from '../auth.tsx';

interface Effort { totals: { patrols: number; valid: number; flagged: number; distanceKm: number; hours: number } }

/** 首页: the user's area at a glance — patrol and report duties this period, patrol effort this month. */
export function HomePage() {
  const user = useUser();
  const [patrols, setPatrols] = useState<ComplianceReport | null>(null);
  const [reports, setReports] = useState<ComplianceReport | null>(null);
  const [effort, setEffort] = useState<Effort | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const fail = (e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败');
    api<ComplianceReport>('GET', '/api/compliance/patrols').then(setPatrols, fail);
    api<ComplianceReport>('GET', '/api/compliance/reports').then(setReports, fail);
    api<Effort>('GET', '/api/effort/patrols?groupBy=town').then(setEffort, fail);
  }, []);

  const share = (r: ComplianceReport | null) => {
    const total = r ? r.counts.met + r.counts.behind : 0;
    return total ? `${Math.round(((r?.counts.met ?? 0) / total) * 100)}%` : '—';
  };

  return (
    <div>
      <Typography.Title level={4}>{user.scopeUnit.name} · 概览</Typography.Title>
      {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={6}>
          <Card title={<Link to="/patrols/compliance">巡林履职（本期）</Link>} loading={!patrols}>
            <Statistic title="已达标 / 应履职" value={patrols ? `${patrols.counts.met} / ${patrols.counts.met + patrols.counts.behind}` : '—'} />
            <Statistic title="达标比例" value={share(patrols)} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title={<Link to="/patrols/compliance">上期未履职</Link>} loading={!patrols || !reports}>
            <Statistic title="巡林" value={patrols?.counts.missed ?? '—'} styles={{ content: { color: '#cf1322' } }} />
            <Statistic title="林长报告" value={reports?.counts.missed ?? '—'} styles={{ content: { color: '#cf1322' } }} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title={<Link to="/patrols/effort">本月巡林</Link>} loading={!effort}>
            <Statistic title="巡林次数（有效）" value={effort ? `${effort.totals.patrols}（${effort.totals.valid}）` : '—'} />
            <Statistic title="里程 / 时长" value={effort ? `${effort.totals.distanceKm.toFixed(0)} 公里 / ${effort.totals.hours.toFixed(0)} 小时` : '—'} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card title={<Link to="/patrols">异常提示（本月）</Link>} loading={!effort}>
            <Statistic title="带异常提示的巡林" value={effort?.totals.flagged ?? '—'} styles={{ content: { color: '#d46b08' } }} />
            <Typography.Text type="secondary">乘车、跳点、轨迹雷同等，需人工核查</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph style={{ marginTop: 16 }}>
        目标任务、问题处置、森林防火、有害生物与考核排名的汇总见 <Link to="/dashboard">领导驾驶舱</Link>。
      </Typography.Paragraph>
    </div>
  );
}
