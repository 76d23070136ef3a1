// DOMAIN.md §8: ecological benefit compensation (森林生态效益补偿) — Chongqing 2023 pays 16 元/亩/年 for collective
// and individual public-welfare forest, directly to households and collectives, after a public posting of 7 days.
// Rates are a table per year and forest category [U]. Money is counted in whole 分 (fen), never in floats.

/** Public-welfare 森林类别 codes: the forest compensation is paid on. */
export const compensatedCategories = ['11', '12'] as const;

/** The default rate in 分 per 亩 per year for each category (Chongqing 2023: 16 元). */
export const defaultCompensationRates: Record<string, number> = { '11': 1600, '12': 1600 };

/** The default public posting period in days [U]. */
export const defaultPostingDays = 7;

/** The rate (分/亩) of a category in a year's table, else the default; null when the category is not compensated. */
export function compensationRate(table: Readonly<Record<string, number>> | null, forestCategory: string | null): number | null {
  if (!forestCategory) return null;
  const rates = table && Object.keys(table).length ? table : defaultCompensationRates;
  return rates[forestCategory] ?? null;
}

/** One parcel's payment in 分: area in 亩 (exact 10000/15 m²) × rate, rounded half up once, on the line. */
export function lineAmountFen(areaM2: number, rateFen: number): number {
  const mu = (areaM2 * 15) / 10000;
  return Math.round(mu * rateFen + 1e-9);
}

/** 分 as 元 with two decimals, for sheets and pages. */
export const fenToYuan = (fen: number): string => (fen / 100).toFixed(2);

/** The last day of a posting that starts on `from` (YYYY-MM-DD) and lasts `days` calendar days, `from` included. */
export function postingEnds(from: string, days = defaultPostingDays): string {
  const d = new Date(`${from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days - 1);
  return d.toISOString().slice(0, 10);
}

export const batchStatuses = ['draft', 'posted', 'approved', 'paid', 'cancelled'] as const;
export type BatchStatus = (typeof batchStatuses)[number];
export const batchStatusNames: Record<BatchStatus, string> = { draft: '草稿', posted: '公示中', approved: '已审定', paid: '已发放', cancelled: '已作废' };

export type BatchAction = 'post' | 'object' | 'approve' | 'pay' | 'cancel';

/**
 * Whether an action may be taken on a batch now, and if not, why (in words for the page). Objections are taken
 * during the posting only; approval comes after the posting has ended with no objection left open; a batch is
 * paid once approved; paid batches cannot be cancelled.
 */
export function batchActionRefusal(
  b: { status: BatchStatus; postingTo: string | null; openObjections: number; linesWithoutAccount: number },
  action: BatchAction,
  today: string,
): string | null {
  switch (action) {
    case 'post':
      return b.status === 'draft' ? null : '只有草稿可以公示';
    case 'object':
      if (b.status !== 'posted') return '只能在公示期间提出异议';
      return today > b.postingTo! ? `公示已于 ${b.postingTo} 结束` : null;
    case 'approve':
      if (b.status !== 'posted') return '只有公示后的批次可以审定';
      if (today <= b.postingTo!) return `公示期至 ${b.postingTo}，期满后才能审定`;
      return b.openObjections > 0 ? `还有 ${b.openObjections} 条异议未处理` : null;
    case 'pay':
      if (b.status !== 'approved') return '只有审定后的批次可以发放';
      return b.linesWithoutAccount > 0 ? `有 ${b.linesWithoutAccount} 户缺少银行账号，补全后才能发放` : null;
    case 'cancel':
      return b.status === 'paid' ? '已发放的批次不能作废' : b.status === 'cancelled' ? '批次已作废' : null;
  }
}

/** An ID card number shown publicly: the first 6 and last 4 digits. */
export const maskIdNumber = (id: string | null): string => (id && id.length >= 10 ? `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}` : id ? '****' : '');
