import { describe, expect, it } from 'vitest';
import { checkFireWeather } from './check-fire-weather.ts';

describe('checkFireWeather (CONTRACTS.md A: bad weather rows are refused before the FWI is computed)', () => {
  it('accepts a plausible day, including 0 and 100 % humidity and no wind or rain', () => {
    expect(checkFireWeather({ temp: 17, rh: 42, ws: 25, prec: 0 })).toEqual([]);
    expect(checkFireWeather({ temp: -5, rh: 100, ws: 0, prec: 0 })).toEqual([]);
    expect(checkFireWeather({ temp: 35, rh: 0, ws: 0, prec: 120 })).toEqual([]);
  });

  it('names each bad field with a Chinese message', () => {
    expect(checkFireWeather({ temp: Number.NaN, rh: 101, ws: -1, prec: -0.2 })).toEqual([
      { field: 'temp', message: '气温缺失或不是数值' },
      { field: 'rh', message: '相对湿度 101% 超出 0–100%' },
      { field: 'ws', message: '风速 -1 km/h 不能为负' },
      { field: 'prec', message: '降水量 -0.2 mm 不能为负' },
    ]);
    expect(checkFireWeather({ temp: 75, rh: -1, ws: Infinity, prec: 0 }).map((f) => f.field)).toEqual(['temp', 'rh', 'ws']);
  });

  it('refuses a missing value handed over from untyped input', () => {
    const fromJson = JSON.parse('{"temp":20,"rh":null,"ws":10,"prec":0}') as { temp: number; rh: number; ws: number; prec: number };
    expect(checkFireWeather(fromJson)).toEqual([{ field: 'rh', message: '相对湿度缺失或不是数值' }]);
  });
});
