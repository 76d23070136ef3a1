export type { ComplianceReport, ComplianceRow, DutyPeriodResult as DutyPeriod, DutyStatus, Patrol, PatrolDetail } from '@linzhang/domain';
