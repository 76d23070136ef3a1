// Reading weather rows from a spreadsheet or a pulled JSON document: the same meaning under several headings.

export const observationColumns = {
  station: ['站号', '站点编号', '气象站编号', '站点代码', '区站号', 'station', 'stationcode', 'code'],
  date: ['日期', '观测日期', 'date'],
  temp: ['气温', '温度', '14时气温', '正午气温', 'temp', 'temperature'],
  rh: ['相对湿度', '湿度', '正午湿度', 'rh', 'humidity'],
  ws: ['风速', '风速(km/h)', '风速km/h', 'wind', 'ws', 'windspeed'],
  prec: ['降水', '降水量', '降雨量', '24小时降水', '日降水量', 'rain', 'prec', 'precipitation'],
  maxTemp: ['最高气温', '日最高气温', 'maxtemp', 'tmax'],
  rh14: ['14时湿度', '14时相对湿度', 'rh14'],
  windForce: ['风力', '风力等级', 'windforce'],
  forecast: ['预报', '是否预报', 'forecast'],
} as const;
export type ObservationField = keyof typeof observationColumns;

/** Chinese name of each field, for row findings. */
export const observationFieldNames: Record<ObservationField, string> = {
  station: '站号', date: '日期', temp: '气温', rh: '相对湿度', ws: '风速', prec: '降水量', maxTemp: '最高气温', rh14: '14时湿度', windForce: '风力', forecast: '预报',
};

const norm = (s: string) => s.replace(/[\s（）()]/g, (c) => (c === '（' ? '(' : c === '）' ? ')' : c.trim() ? c : '')).toLowerCase();

/** Which heading holds each field (case-, space- and bracket-insensitive). */
export function mapObservationHeaders(headers: string[]): Partial<Record<ObservationField, string>> {
  const out: Partial<Record<ObservationField, string>> = {};
  for (const [field, names] of Object.entries(observationColumns) as [ObservationField, readonly string[]][]) {
    const h = headers.find((x) => names.some((n) => norm(x) === norm(n)));
    if (h !== undefined) out[field] = h;
  }
  return out;
}

/** YYYY-MM-DD from 2026-04-01, 2026/4/1 or 2026.4.1; null when it is not a calendar date. */
export function dateFromText(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** 是/否, true/false, 1/0 (empty = not a forecast); null when unreadable. */
export function flagFromText(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['', '否', '实况', '观测', 'false', '0', 'n', 'no'].includes(t)) return false;
  if (['是', '预报', 'true', '1', 'y', 'yes'].includes(t)) return true;
  return null;
}
