// DOMAIN.md §5 扫码入林: visitors register at an entry point and check out. How long their personal data is kept
// and when a visitor counts as overstaying are not fixed by any source found [U]: versioned rules.

/** Rule kind `forest_entry_rules`. */
export interface ForestEntryRules {
  /** Names, phones and ID digits are removed this many days after entry (the counts stay). */
  retentionDays: number;
  /** Still inside after this many hours is an overstay. */
  maxHours: number;
  /** Still inside after this Shanghai clock time (HH:mm) of the entry day is an overstay ("after dark"). */
  darkAfter: string;
  /** The fire-safety notice shown to every visitor before they pledge. */
  notice: string;
  source: string;
}

export const defaultForestEntryRules: ForestEntryRules = {
  retentionDays: 180,
  maxHours: 8,
  darkAfter: '19:00',
  notice:
    '进入林区严禁携带火种，严禁吸烟、野炊、烧烤、焚香烧纸、燃放烟花爆竹等一切野外用火；发现火情立即拨打 12119 或 119 报警；' +
    '服从护林员检查和劝导；出林时请扫码登记离开。违反规定野外用火的，依照《森林防火条例》予以处罚；构成犯罪的，依法追究刑事责任。',
  source: '默认值（未确认）：保存期限、滞留时长与天黑时间由区县按本地办法配置',
};

/** What is wrong with proposed entry rules (empty = fine). */
export function checkForestEntryRules(rules: ForestEntryRules): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!Number.isInteger(rules.retentionDays) || rules.retentionDays < 1 || rules.retentionDays > 3650) out.push({ path: '/retentionDays', message: '保存天数应为 1–3650 的整数' });
  if (!(rules.maxHours > 0 && rules.maxHours <= 72)) out.push({ path: '/maxHours', message: '滞留时长应大于 0、不超过 72 小时' });
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(rules.darkAfter ?? '')) out.push({ path: '/darkAfter', message: '时间格式应为 HH:mm' });
  if (!rules.notice?.trim()) out.push({ path: '/notice', message: '请填写防火须知' });
  if (!rules.source?.trim()) out.push({ path: '/source', message: '请注明依据' });
  return out;
}
