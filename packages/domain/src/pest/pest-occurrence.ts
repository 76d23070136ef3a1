import type { PestFinding } from './pest-rules.ts';

// DOMAIN.md §6: pests other than pine wilt disease (pine wilt is the dead-tree register) are recorded as
// occurrences of a 小班 or unit with the area where they occur (发生面积), its severity, and the disaster area
// (成灾面积) that enters the disaster rate; where the pest killed its host the whole 小班 counts, so a host death
// needs the 小班.

export const otherPests = ['pine_caterpillar', 'cypress_tussock_moth', 'bamboo_locust', 'bamboo_tussock_moth', 'pine_sawfly', 'bark_beetle', 'longhorn_beetle', 'other'] as const;
export type OtherPest = (typeof otherPests)[number];
export const otherPestNames: Record<OtherPest, string> = {
  pine_caterpillar: '松毛虫', cypress_tussock_moth: '蜀柏毒蛾', bamboo_locust: '黄脊竹蝗', bamboo_tussock_moth: '刚竹毒蛾', pine_sawfly: '松叶蜂',
  bark_beetle: '小蠹虫', longhorn_beetle: '天牛类', other: '其他',
};

export const pestSeverities = ['light', 'moderate', 'severe'] as const;
export type PestSeverity = (typeof pestSeverities)[number];
export const pestSeverityNames: Record<PestSeverity, string> = { light: '轻度', moderate: '中度', severe: '重度' };

export interface PestOccurrenceForm {
  pest: OtherPest;
  pestName?: string | null | undefined; // required for 'other'
  observedOn: string; // YYYY-MM-DD
  areaM2: number; // 发生面积
  disasterAreaM2: number; // 成灾面积 (0 when none)
  hostDeath: boolean;
  parcelAreaM2: number | null; // the 小班's area when one is given
}

export type OccurrenceFindingCode = 'pest_name' | 'future' | 'bad_area' | 'exceeds_area' | 'exceeds_parcel' | 'host_death_parcel';

/** What is wrong with an occurrence (empty = fine); `today` is the Asia/Shanghai date. */
export function checkPestOccurrence(f: PestOccurrenceForm, today: string): PestFinding<OccurrenceFindingCode>[] {
  const out: PestFinding<OccurrenceFindingCode>[] = [];
  if (f.pest === 'other' && !f.pestName?.trim()) out.push({ code: 'pest_name', field: 'pestName', message: '选择“其他”时请填写有害生物名称' });
  if (f.observedOn > today) out.push({ code: 'future', field: 'observedOn', message: '发生日期不能晚于今天' });
  if (!Number.isFinite(f.areaM2) || f.areaM2 <= 0) out.push({ code: 'bad_area', field: 'areaMu', message: '发生面积应大于 0' });
  if (!Number.isFinite(f.disasterAreaM2) || f.disasterAreaM2 < 0) out.push({ code: 'bad_area', field: 'disasterAreaMu', message: '成灾面积不能为负' });
  else if (f.disasterAreaM2 > f.areaM2 + 1e-6) out.push({ code: 'exceeds_area', field: 'disasterAreaMu', message: '成灾面积不能大于发生面积' });
  if (f.parcelAreaM2 !== null && f.areaM2 > f.parcelAreaM2 + 1e-6) out.push({ code: 'exceeds_parcel', field: 'areaMu', message: '发生面积不能大于小班面积' });
  if (f.hostDeath && f.parcelAreaM2 === null) out.push({ code: 'host_death_parcel', field: 'parcelId', message: '寄主死亡时整个小班计为成灾面积，请选择小班' });
  return out;
}
