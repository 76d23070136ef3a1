import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run, targets } from './cli-targets.ts';

// Issue 8 §1: `npx linzhang workplan import FILE [--json] [--commit] [--year Y]`, spawned as an operator would.
const sample = fileURLToPath(new URL('../../domain/src/workplan/fixtures/youyang-2024.txt', import.meta.url));
const expected = JSON.parse(readFileSync(fileURLToPath(new URL('../../domain/src/workplan/fixtures/youyang-2024.expected.json', import.meta.url)), 'utf8'));

const all = await targets();
afterAll(async () => {
  for (const t of all) await t.cleanup();
});

describe.each(all)('linzhang workplan import on $name', (t) => {
  it('prints exactly the contract JSON for the sample on stdout, the findings on stderr', () => {
    const r = run(t, ['workplan', 'import', sample, '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expected);
    expect(r.stderr).toContain('按第 2 部分标题处理');
  });

  it('prints a readable preview and writes nothing without --commit', () => {
    const r = run(t, ['workplan', 'import', sample]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('12 个部分，65 项任务，量化指标 25 个');
    expect(r.stdout).toContain('营造林\t= 18.2 万亩');
    expect(r.stdout).toContain('林业有害生物成灾率\t≤ 2 ‰');
    expect(r.stdout).toContain('未写入');
  });

  it('exits 1 with a message for a missing file or an unsupported type, 2 for a bad --year', () => {
    const missing = run(t, ['workplan', 'import', '/nonexistent/plan.txt']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('无法读取文件');
    const dir = mkdtempSync(join(tmpdir(), 'linzhang-wp-'));
    writeFileSync(join(dir, 'plan.pdf'), 'x');
    const pdf = run(t, ['workplan', 'import', join(dir, 'plan.pdf')]);
    expect(pdf.status).toBe(1);
    expect(pdf.stderr).toContain('不支持的文件类型 .pdf');
    expect(run(t, ['workplan', 'import', sample, '--year', '24']).status).toBe(2);
    expect(run(t, ['workplan', 'list']).status).toBe(2);
  });

  it('--commit stores the plan for the county, a second time as version 2', () => {
    expect(run(t, ['demo', '--county', '500242', '--no-activity', '--parcels', '1']).status).toBe(0);
    const first = run(t, ['workplan', 'import', sample, '--commit']);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/已写入：酉阳土家族苗族自治县林业局2024年工作要点（2024，酉阳土家族苗族自治县）第 1 版，量化指标 25 个/);
    const second = run(t, ['workplan', 'import', sample, '--commit', '--json']);
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toEqual(expected);
    expect(second.stderr).toContain('第 2 版');
  });
});
