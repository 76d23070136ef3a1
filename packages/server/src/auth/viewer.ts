import { isInScope, scopePrefix } from '@linzhang/domain';

export const roles = ['admin', 'staff', 'chief', 'ranger', 'supervisor', 'instructor'] as const;
export type Role = (typeof roles)[number];

/** Who is asking: every service call gets one and scopes every query by it. */
export interface Viewer {
  userId: string;
  username: string;
  personId: string | null;
  roles: Role[];
  scopeCode: string; // the root of the user's data scope (a unit code)
  scopePrefix: string; // code prefix shared by every unit in that subtree
}

export function viewerOf(user: { id: string; username: string; personId?: string | null; roles: Role[]; scopeUnitCode: string }): Viewer {
  return {
    userId: user.id,
    username: user.username,
    personId: user.personId ?? null,
    roles: user.roles,
    scopeCode: user.scopeUnitCode,
    scopePrefix: scopePrefix(user.scopeUnitCode),
  };
}

export const inScope = (viewer: Viewer, unitCode: string): boolean => isInScope(unitCode, viewer.scopeCode);

// Keeping the organisation register (units, organisations, people, posts, areas) is for these roles.
const registerWriters: readonly Role[] = ['admin', 'staff', 'chief'];
export const canEditRegister = (viewer: Viewer): boolean => viewer.roles.some((r) => registerWriters.includes(r));
export const isAdmin = (viewer: Viewer): boolean => viewer.roles.includes('admin');
