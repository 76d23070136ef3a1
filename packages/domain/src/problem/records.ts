import type { MultiPolygon, Polygon } from 'geojson';
import type { UnitLevel } from '../units/unit-code.ts';
import type { ProblemCategory, ProblemSeverity, ProblemSource } from './problem-kinds.ts';
import type { ProblemAction, ProblemStatus } from './problem-workflow.ts';
import type { ProblemStatistics } from './problem-statistics.ts';

// Problem records as the API carries them: one definition for the server and the pages.

export interface Problem {
  id: string;
  category: ProblemCategory;
  source: ProblemSource;
  severity: ProblemSeverity;
  title: string;
  description: string;
  lon: number;
  lat: number;
  geometry: Polygon | MultiPolygon | null;
  unitCode: string;
  unitName: string;
  status: ProblemStatus;
  version: number;
  reportedAt: string;
  deadlineAt: string;
  overdue: boolean; // not handled by its deadline (as of the answer)
  escalationCount: number;
  escalationLevel: UnitLevel | null;
  supervisionDueAt: string | null;
  reporterUserId: string | null;
  reporterName: string | null; // a person's name, or what a public reporter gave
  reporterPhone: string | null; // only for those who may manage the problem
  assigneeUnitCode: string | null;
  assigneeUnitName: string | null;
  assigneePersonId: string | null;
  assigneePersonName: string | null;
  assignedAt: string | null;
  handledAt: string | null;
  handledByUserId: string | null;
  handledByPersonId: string | null;
  closedAt: string | null;
  needsFieldCheck: boolean;
  patrolId: string | null;
  parcelRef: string | null;
  fireRef: string | null;
  pestRef: string | null;
  externalRef: string | null;
  photoCount: number;
  photoFlagged: boolean; // a photo's EXIF time or position disagrees with the report
}

export type ProblemEventAction = ProblemAction | 'report' | 'due_soon' | 'escalate' | 'interview';

export interface ProblemEvent {
  id: string;
  at: string;
  action: ProblemEventAction;
  fromStatus: ProblemStatus | null;
  toStatus: ProblemStatus | null;
  userId: string | null;
  userName: string | null;
  note: string | null;
  data: Record<string, unknown> | null;
}

export interface ProblemPhoto {
  fileId: string;
  eventId: string;
  takenAt: string | null;
  lon: number | null;
  lat: number | null;
  findings: { code: string; message: string }[];
}

export interface ProblemDetail extends Problem {
  events: ProblemEvent[];
  photos: ProblemPhoto[];
  actions: ProblemAction[]; // what the viewer may do now
}

export interface ProblemStatisticsRow extends ProblemStatistics {
  unitCode: string;
  unitName: string;
}

export const notificationKinds = ['assigned', 'due_soon', 'overdue', 'sent_back', 'escalated', 'interview', 'reported', 'duty_reminder', 'fire_ban_suggested', 'fire_timer', 'device_offline', 'device_online', 'pest_first_positive', 'wildlife_missing', 'workplan_overdue'] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface InboxNotification {
  id: string;
  kind: NotificationKind;
  problemId: string | null;
  title: string;
  body: string;
  createdAt: string;
  readAt: string | null;
}
