import { Tag, Typography } from 'antd';
import { problemStatusNames, type Problem, type ProblemStatus } from '@linzhang/domain';
import { localTime, problemStatusColours, unitLevelNames } from '../labels.ts';

export function ProblemStatusTag({ status }: { status: ProblemStatus }) {
  return <Tag color={problemStatusColours[status]}>{problemStatusNames[status]}</Tag>;
}

/** The deadline, in red with 逾期 when the problem was not handled by it. */
export function DeadlineText({ problem }: { problem: Pick<Problem, 'deadlineAt' | 'overdue'> }) {
  if (!problem.overdue) return <span>{localTime(problem.deadlineAt)}</span>;
  return (
    <Typography.Text type="danger" data-testid="overdue">
      {localTime(problem.deadlineAt)} <Tag color="red" style={{ marginInlineEnd: 0 }}>逾期</Tag>
    </Typography.Text>
  );
}

/** 督办: the chief level an overdue problem was escalated to, and how many times. */
export function EscalationTag({ problem }: { problem: Pick<Problem, 'escalationLevel' | 'escalationCount'> }) {
  if (!problem.escalationLevel) return <span>—</span>;
  const level = unitLevelNames[problem.escalationLevel] ?? problem.escalationLevel;
  return <Tag color="volcano">{level}督办{problem.escalationCount > 1 ? ` ×${problem.escalationCount}` : ''}</Tag>;
}
