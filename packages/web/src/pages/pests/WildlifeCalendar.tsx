import { Alert, Space, Tooltip, Typography } from 'antd';
import { wildlifeReportDayStateNames, type WildlifeReportDayState } from '@linzhang/domain';
import { dayColours, type Calendar, type CalendarDay } from './wildlife-types.ts';

const weekdays = ['一', '二', '三', '四', '五', '六', '日'];
const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;

/** A month of one station, Monday first, each day coloured by its state; the missed runs listed above. */
export function WildlifeCalendar({ calendar, onPick }: { calendar: Calendar; onPick: (day: CalendarDay) => void }) {
  const first = calendar.days[0]!.date;
  const lead = (new Date(`${first}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const cells: (CalendarDay | null)[] = [...Array<null>(lead).fill(null), ...calendar.days];
  while (cells.length % 7) cells.push(null);
  const c = calendar.counts;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="wildlife-calendar">
      <Typography.Text type="secondary">
        截止时间每日 {calendar.cutoff}（北京时间）。已报 {c.reported} 天，迟报 {c.late} 天，<Typography.Text type="danger" strong>缺报 {c.missing} 天</Typography.Text>，待报 {c.pending} 天。
      </Typography.Text>
      {calendar.gaps.length > 0 ? (
        <Alert type="error" showIcon data-testid="wildlife-gaps"
          title={`本月缺报 ${calendar.gaps.length} 段：${calendar.gaps.map((g) => (g.days === 1 ? md(g.from) : `${md(g.from)}–${md(g.to)}（${g.days} 天）`)).join('、')}`} />
      ) : <Alert type="success" showIcon title="本月无缺报" />}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 4 }}>
        {weekdays.map((w) => <div key={w} style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12 }}>周{w}</div>)}
        {cells.map((d, i) => {
          if (!d) return <div key={`x${i}`} />;
          const colour = dayColours[d.state];
          const label = `${md(d.date)} ${wildlifeReportDayStateNames[d.state]}${d.zero ? '（零报告）' : ''}${d.deadTotal ? `，异常死亡 ${d.deadTotal} 只` : ''}${d.flagged ? '，已通知监管员' : ''}`;
          return (
            <Tooltip key={d.date} title={label}>
              <button type="button" aria-label={label} data-state={d.state} data-date={d.date} onClick={() => onPick(d)}
                style={{ border: d.state === 'missing' ? '2px solid #a8071a' : '1px solid #f0f0f0', borderRadius: 6, background: colour.bg, color: colour.fg, height: 54, cursor: 'pointer', padding: 4, textAlign: 'left' }}>
                <div style={{ fontWeight: 600 }}>{Number(d.date.slice(8))}</div>
                <div style={{ fontSize: 11 }}>{d.state === 'reported' || d.state === 'late' ? (d.zero ? '零报告' : d.deadTotal ? `死亡 ${d.deadTotal}` : '有观测') : d.state === 'future' ? '' : wildlifeReportDayStateNames[d.state]}{d.state === 'late' ? '·迟' : ''}</div>
              </button>
            </Tooltip>
          );
        })}
      </div>
      <Space size={12} wrap>
        {(['reported', 'late', 'missing', 'pending', 'inactive'] as WildlifeReportDayState[]).map((s) => (
          <span key={s}><span style={{ display: 'inline-block', width: 12, height: 12, borderRadius: 3, background: dayColours[s].bg, border: '1px solid #d9d9d9', marginRight: 4, verticalAlign: 'middle' }} />{wildlifeReportDayStateNames[s]}</span>
        ))}
      </Space>
    </Space>
  );
}
