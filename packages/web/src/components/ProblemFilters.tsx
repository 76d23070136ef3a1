import { DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import {
  problemCategoryNames, problemSourceNames, problemStatusNames, type ProblemCategory, type ProblemSource, type ProblemStatus,
} from '@linzhang/domain';
import { options } from '../labels.ts';
import type { QueryValue } from '../api/client.ts';
import { UnitSelect } from './UnitSelect.tsx';

/** The filters `GET /api/problems` and `/api/problems/points` share. */
export interface ProblemFilter {
  unit?: string;
  status?: ProblemStatus[];
  category?: ProblemCategory;
  source?: ProblemSource;
  q?: string;
  from?: string; // YYYY-MM-DD, Shanghai
  to?: string;
}

/**
 * The filter as query parameters. The server reads `status` only as a list: one `status=x` is refused (400,
 * 类型应为数组), so a single status is sent twice (`status=x&status=x`), which it reads as the list [x, x].
 */
export function problemQuery(f: ProblemFilter): Record<string, QueryValue> {
  const status = f.status?.length === 1 ? [f.status[0]!, f.status[0]!] : f.status;
  return { ...f, status };
}

/** A filter bar for problem lists and the problem map (a controlled component: one object in, one out). */
export function ProblemFilters({ value, onChange }: { value: ProblemFilter; onChange: (next: ProblemFilter) => void }) {
  const set = (patch: Partial<ProblemFilter>) => {
    const next: ProblemFilter = { ...value, ...patch };
    for (const k of Object.keys(next) as (keyof ProblemFilter)[]) {
      const v = next[k];
      if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete next[k];
    }
    onChange(next);
  };
  return (
    <Space wrap>
      <UnitSelect value={value.unit} onChange={(unit) => set({ unit })} placeholder="所属区划" />
      <Select<ProblemStatus[]> mode="multiple" allowClear maxTagCount="responsive" placeholder="状态" style={{ width: 200 }}
        options={options(problemStatusNames)} value={value.status ?? []} onChange={(status) => set({ status })} />
      <Select<ProblemCategory> allowClear placeholder="类别" style={{ width: 150 }} options={options(problemCategoryNames)}
        value={value.category} onChange={(category) => set({ category })} />
      <Select<ProblemSource> allowClear placeholder="来源" style={{ width: 130 }} options={options(problemSourceNames)}
        value={value.source} onChange={(source) => set({ source })} />
      <DatePicker.RangePicker
        value={value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null}
        onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
        placeholder={['上报起', '上报止']} style={{ width: 240 }}
      />
      <Input.Search allowClear placeholder="标题、描述或编号" style={{ width: 200 }} defaultValue={value.q} onSearch={(q) => set({ q: q.trim() })} />
    </Space>
  );
}
