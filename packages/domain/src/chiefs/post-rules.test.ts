import { describe, expect, it } from 'vitest';
import { checkPost } from './post-rules.ts';

const base = { role: 'chief', level: 'town', unitLevel: 'town', organisationKind: null, termStart: '2024-01-01', termEnd: null } as const;

describe('checkPost (DOMAIN.md §1 林长制: levels county → town → village, forest farm; 一长三员 at village level)', () => {
  it('accepts a town chief on a town', () => {
    expect(checkPost(base)).toEqual([]);
  });
  it('refuses a town-level post on a village unit', () => {
    expect(checkPost({ ...base, unitLevel: 'village' }).map((f) => f.field)).toEqual(['unitCode']);
  });
  it('puts rangers, supervisors and instructors at village level or in a forest farm', () => {
    expect(checkPost({ ...base, role: 'ranger' }).map((f) => f.field)).toEqual(['level']);
    expect(checkPost({ ...base, role: 'ranger', level: 'village', unitLevel: 'village' })).toEqual([]);
  });
  it('requires a forest farm organisation for 国有林场林长', () => {
    expect(checkPost({ ...base, level: 'forest_farm' }).map((f) => f.field)).toEqual(['organisationId']);
    expect(checkPost({ ...base, level: 'forest_farm', organisationKind: 'forest_farm' })).toEqual([]);
  });
  it('checks the term', () => {
    expect(checkPost({ ...base, termEnd: '2023-12-31' }).map((f) => f.field)).toEqual(['termEnd']);
    expect(checkPost({ ...base, termStart: '2024-02-30' }).map((f) => f.field)).toEqual(['termStart']);
  });
});
