import { describe, expect, it } from 'vitest';
import { checkDutyRules, checkTrackRules, rulesInForce, ruleDefaults } from './rule-versions.ts';
import { defaultTrackRules } from '../patrol/track-rules.ts';
import { defaultDutyRules } from '../patrol/duty-rules.ts';

describe('versioned rules (DESIGN.md: rules are configuration with an effective date; DOMAIN.md §1 [U] values)', () => {
  const v = (effectiveFrom: string, minDurationMinutes: number) => ({ kind: 'track_rules' as const, effectiveFrom, body: { ...defaultTrackRules, minDurationMinutes } });

  it('uses the shipped defaults until a version takes effect, then the latest one in force', () => {
    const versions = [v('2025-01-01', 45), v('2024-07-01', 40)];
    expect(rulesInForce('track_rules', versions, '2024-06-30')).toBe(ruleDefaults.track_rules);
    expect(rulesInForce('track_rules', versions, '2024-07-01').minDurationMinutes).toBe(40);
    expect(rulesInForce('track_rules', versions, '2025-03-01').minDurationMinutes).toBe(45);
  });

  it('accepts the defaults and names what is wrong in a bad track rule set', () => {
    expect(checkTrackRules(defaultTrackRules)).toEqual([]);
    expect(checkTrackRules({ ...defaultTrackRules, minInAreaShare: 1.5, vehicleSpeedMps: 60 }).map((f) => f.path)).toEqual(['/minInAreaShare', '/vehicleSpeedMps']);
  });

  it('accepts the Banan defaults and refuses duplicate or malformed duty rules', () => {
    expect(checkDutyRules(defaultDutyRules)).toEqual([]);
    const twice = [...defaultDutyRules, { ...defaultDutyRules[0]!, count: 2 }];
    expect(checkDutyRules(twice).map((f) => f.message)).toEqual(['同一岗位、层级和职责只能有一条规则']);
    expect(checkDutyRules([{ ...defaultDutyRules[0]!, count: 0, source: ' ' }]).map((f) => f.path)).toEqual(['/0/count', '/0/source']);
  });
});
