import { Space, Timeline, Typography } from 'antd';
import type { ProblemEvent, ProblemEventAction } from '@linzhang/domain';
import { localiseInstants, localTime, problemEventNames } from '../labels.ts';
import { ProblemStatusTag } from './ProblemTags.tsx';
import { UnitName } from './UnitName.tsx';
import { PersonName } from './RemoteName.tsx';

const colours: Partial<Record<ProblemEventAction, string>> = {
  close: 'green', verify: 'green', dismiss: 'gray', send_back: 'red', escalate: 'red', interview: 'red', due_soon: 'orange',
};

/** The whole closed loop of one problem, oldest first: when (Shanghai time), who, what, and the note. */
export function ProblemTimeline({ events, reporterName }: { events: ProblemEvent[]; /** who reported without an account (the public) */ reporterName: string | null }) {
  return (
    <div data-testid="problem-timeline"><Timeline
      items={events.map((e) => {
        const assigned = e.action === 'assign' ? e.data : null;
        return {
          key: e.id,
          color: colours[e.action] ?? 'blue',
          content: (
            <div data-testid="timeline-item" data-action={e.action}>
              <Space size={8} wrap>
                <Typography.Text type="secondary">{localTime(e.at)}</Typography.Text>
                <Typography.Text strong>{problemEventNames[e.action] ?? e.action}</Typography.Text>
                <span>{e.userName ?? (e.action === 'report' ? (reporterName ?? '群众') : '系统')}</span>
                {e.toStatus && e.toStatus !== e.fromStatus && <ProblemStatusTag status={e.toStatus} />}
              </Space>
              {assigned && (
                <div>
                  承办：{typeof assigned.assigneeUnitCode === 'string' && <UnitName code={assigned.assigneeUnitCode} />}
                  {typeof assigned.assigneePersonId === 'string' && <> · <PersonName id={assigned.assigneePersonId} /></>}
                </div>
              )}
              {e.note && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{localiseInstants(e.note)}</Typography.Paragraph>}
            </div>
          ),
        };
      })}
    /></div>
  );
}
