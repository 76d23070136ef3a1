import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { assessPatrol } from './assess-patrol.ts';
import { defaultTrackRules } from './track-rules.ts';
import { syntheticTrack } from './synthetic-track.ts';
import { trackFingerprint } from './track-fingerprint.ts';

// Issue 3 §3 (track processing) and its "done when": a patrol driven at 40 km/h is flagged.
const rules = defaultTrackRules;
const start: [number, number] = [108.76, 28.84];
const t0 = Date.UTC(2024, 4, 6, 1, 0, 0);
const rng = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) / 2147483647);

// A 3 km walk in a square-ish loop at about 1.2 m/s (~42 minutes).
const walk = () => syntheticTrack({
  start, startTime: t0, rng: rng(42),
  legs: [{ headingDeg: 0, metres: 800, speedMps: 1.2 }, { headingDeg: 90, metres: 700, speedMps: 1.2 }, { headingDeg: 180, metres: 800, speedMps: 1.2 }, { headingDeg: 270, metres: 700, speedMps: 1.2 }],
});
const area: Polygon = { type: 'Polygon', coordinates: [[[108.75, 28.83], [108.78, 28.83], [108.78, 28.86], [108.75, 28.86], [108.75, 28.83]]] };

describe('assessPatrol', () => {
  it('measures a walked loop on the ellipsoid and finds it valid and unflagged', () => {
    const a = assessPatrol({ fixes: walk(), area, rules });
    expect(a.distanceM).toBeGreaterThan(2_950);
    expect(a.distanceM).toBeLessThan(3_050);
    expect(a.durationS).toBeGreaterThan(30 * 60);
    expect(a.movingS).toBeCloseTo(a.durationS, -1);
    expect(a.inAreaShare).toBe(1);
    expect(a.flags).toEqual([]);
    expect(a.valid).toBe(true);
  });

  it('flags a patrol driven at 40 km/h as by vehicle', () => {
    const fixes = syntheticTrack({ start, startTime: t0, rng: rng(7), legs: [{ headingDeg: 45, metres: 8_000, speedMps: 40 / 3.6 }] });
    const a = assessPatrol({ fixes, area, rules });
    expect(a.flags).toContain('vehicle');
  });

  it('drops fixes with poor accuracy and impossible jumps, and flags the teleport', () => {
    const fixes = walk();
    fixes[10] = { ...fixes[10]!, accuracy: 300 };
    fixes[20] = { ...fixes[20]!, lon: fixes[20]!.lon + 0.2 }; // ~20 km away for one fix
    const a = assessPatrol({ fixes, area, rules });
    expect(a.fixesDropped).toEqual({ poor_accuracy: 1, impossible_jump: 1 });
    expect(a.flags).toContain('teleport');
    expect(a.distanceM).toBeLessThan(3_050);
  });

  it('excludes declared pauses from duration and the segment across them from distance', () => {
    const fixes = walk();
    const pauseStart = fixes[30]!.t + 1;
    const pauseEnd = fixes[31]!.t + 600_000;
    const shifted = fixes.map((f, i) => (i > 30 ? { ...f, t: f.t + 600_000 } : f));
    const a = assessPatrol({ fixes: shifted, pauses: [[pauseStart, pauseEnd]], area, rules });
    const b = assessPatrol({ fixes, area, rules });
    expect(a.durationS).toBeLessThan(b.durationS + 1);
    expect(a.distanceM).toBeLessThan(b.distanceM);
  });

  it('invalidates a patrol mostly outside the area, too short or too little distance', () => {
    const elsewhere = syntheticTrack({ start: [108.9, 28.9], startTime: t0, rng: rng(3), legs: [{ headingDeg: 0, metres: 3_000, speedMps: 1.2 }] });
    const out = assessPatrol({ fixes: elsewhere, area, rules });
    expect(out.flags).toContain('outside_area');
    expect(out.invalidReasons).toEqual(['outside_area']);
    const short = assessPatrol({ fixes: syntheticTrack({ start, startTime: t0, rng: rng(5), legs: [{ headingDeg: 0, metres: 300, speedMps: 1.2 }] }), area, rules });
    expect(short.invalidReasons).toEqual(['too_short', 'too_little_distance']);
    expect(short.valid).toBe(false);
  });

  it('flags mechanically regular tracks: constant speed and a ruler-straight line', () => {
    const fake = syntheticTrack({ start, startTime: t0, legs: [{ headingDeg: 10, metres: 3_000, speedMps: 1.3 }] });
    const a = assessPatrol({ fixes: fake, area, rules });
    expect(a.flags).toEqual(expect.arrayContaining(['constant_speed', 'straight_line']));
    expect(a.valid).toBe(true); // flags are for a reviewer; validity is duration, distance and area share
  });

  it('flags a track identical to an earlier one, but not a different walk of the same route', () => {
    const earlier = [trackFingerprint(walk())];
    const replay = walk().map((f) => ({ ...f, t: f.t + 7 * 86_400_000 }));
    expect(assessPatrol({ fixes: replay, area, rules, earlier }).flags).toContain('duplicate_track');
    const another = syntheticTrack({ start, startTime: t0, rng: rng(99), legs: [{ headingDeg: 0, metres: 800, speedMps: 1.2 }, { headingDeg: 90, metres: 700, speedMps: 1.2 }, { headingDeg: 180, metres: 800, speedMps: 1.2 }, { headingDeg: 270, metres: 700, speedMps: 1.2 }] });
    expect(assessPatrol({ fixes: another, area, rules, earlier }).flags).not.toContain('duplicate_track');
  });

  it('returns neutral results for an empty track', () => {
    const a = assessPatrol({ fixes: [], rules });
    expect(a).toMatchObject({ distanceM: 0, durationS: 0, fixesKept: 0, valid: false, inAreaShare: null });
  });
});
