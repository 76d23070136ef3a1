import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Row, Segmented, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ellipsoidalArea, squareMetresToMu, type Problem, type ProblemDetail } from '@linzhang/domain';
import { api, ApiError, query } from '../api/client.ts';
import { ProblemMiniMap } from '../components/ProblemMiniMap.tsx';
import { ProblemPhotos } from '../components/ProblemPhotos.tsx';
import { DeadlineText, ProblemStatusTag } from '../components/ProblemTags.tsx';
import { localTime } from '../labels.ts';

type Filter = 'open' | 'handled' | 'all';
const statusesOf: Record<Filter, string[]> = { open: ['reported', 'accepted', 'assigned', 'in_handling'], handled: ['handled', 'verified'], all: [] };

/**
 * 问题处置 › 图斑核实: a satellite change patch over the map with the field photos beside it, so whoever verifies
 * can see that the photos were taken at the patch (issue 4 §7).
 */
export function PatchVerificationPage() {
  const [filter, setFilter] = useState<Filter>('handled');
  const [patches, setPatches] = useState<Problem[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<ProblemDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setPatches(null);
    api<{ items: Problem[] }>('GET', `/api/problems${query({ source: 'satellite_patch', status: statusesOf[filter], limit: 200 })}`)
      .then((r) => {
        setPatches(r.items);
        setSelected((s) => (s && r.items.some((p) => p.id === s) ? s : (r.items[0]?.id ?? null)));
      }, (e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  }, [filter]);

  useEffect(() => {
    setDetail(null);
    if (selected) api<ProblemDetail>('GET', `/api/problems/${selected}`).then(setDetail, (e: unknown) => setError(e instanceof ApiError ? e.message : '加载失败'));
  }, [selected]);

  const fieldPhotos = detail?.photos ?? [];
  const flagged = fieldPhotos.filter((p) => p.findings.some((f) => f.code === 'position_mismatch')).length;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={8}>
        <Card title="卫片图斑" extra={<Segmented<Filter> size="small" value={filter} onChange={setFilter} options={[{ value: 'handled', label: '待核查' }, { value: 'open', label: '未处置' }, { value: 'all', label: '全部' }]} />}>
          {error && <Alert type="error" title={error} />}
          <List<Problem> loading={!patches} dataSource={patches ?? []} locale={{ emptyText: '没有图斑' }} style={{ maxHeight: 640, overflow: 'auto' }}
            renderItem={(p) => (
              <List.Item onClick={() => setSelected(p.id)} style={{ cursor: 'pointer', background: p.id === selected ? '#e3f0e6' : undefined, paddingInline: 8 }} data-testid="patch-item">
                <List.Item.Meta title={<Space>{p.externalRef ?? p.title}<ProblemStatusTag status={p.status} /></Space>}
                  description={<>{p.unitName} · 照片 {p.photoCount} 张 · <DeadlineText problem={p} /></>} />
              </List.Item>
            )} />
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        {!detail ? <Card><Empty description={selected ? '加载中…' : '请选择一个图斑'} /></Card> : (
          <Card title={detail.title} extra={<Link to={`/problems/${detail.id}`}><Button type="primary">办理</Button></Link>}>
            <Row gutter={16}>
              <Col xs={24} xl={12}>
                <ProblemMiniMap problem={detail} height={360} />
                <Descriptions size="small" column={1} style={{ marginTop: 12 }}
                  items={[
                    { label: '图斑编号', children: detail.externalRef ?? '—' },
                    { label: '所属区划', children: detail.unitName },
                    { label: '面积', children: detail.geometry ? `${(Math.round(squareMetresToMu(ellipsoidalArea(detail.geometry)) * 100) / 100).toFixed(2)} 亩` : '—' },
                    { label: '状态', children: <ProblemStatusTag status={detail.status} /> },
                    { label: '下发时间', children: localTime(detail.reportedAt) },
                  ]} />
              </Col>
              <Col xs={24} xl={12}>
                <Typography.Title level={5}>现场照片</Typography.Title>
                {flagged > 0 && <Alert type="warning" style={{ marginBottom: 8 }} title={`${flagged} 张照片的拍摄位置离图斑较远，请核对是否为实地拍摄`} />}
                {fieldPhotos.length === 0 && <Alert type="info" style={{ marginBottom: 8 }} title="尚无现场照片：图斑须实地核实，提交处置结果时须附现场照片。" />}
                <ProblemPhotos photos={fieldPhotos} events={detail.events} />
                {detail.events.filter((e) => e.action === 'handle').map((e) => (
                  <Typography.Paragraph key={e.id} style={{ marginTop: 12 }}><b>核实情况（{e.userName ?? '—'}，{localTime(e.at)}）：</b>{e.note}</Typography.Paragraph>
                ))}
              </Col>
            </Row>
          </Card>
        )}
      </Col>
    </Row>
  );
}
