import { describe, expect, it } from 'vitest';
import { fireSizeClass } from './fire-size-class.ts';

// DOMAIN.md §5 "Fire size classes [C]: < 1 ha 一般, 1–100 ha 较大, 100–1000 ha 重大, ≥ 1000 ha 特别重大".
describe('fireSizeClass', () => {
  it('classes at the published boundaries', () => {
    expect([0, 0.99, 1, 99.99, 100, 999.9, 1000, 25_000].map(fireSizeClass)).toEqual(
      ['general', 'general', 'larger', 'larger', 'major', 'major', 'especially_major', 'especially_major'],
    );
  });
  it('has no class while the area is unknown or impossible', () => {
    expect(fireSizeClass(null)).toBeNull();
    expect(fireSizeClass(-1)).toBeNull();
    expect(fireSizeClass(Number.NaN)).toBeNull();
  });
});
