import { describe, expect, it } from 'vitest';
import { taskDeadline } from './task-deadline.ts';

// Issue 8 §1: …月底前, 年底前, X月X日前 → a date in the plan's year.
describe('taskDeadline', () => {
  it('reads month ends, year ends and dates in the plan\'s year', () => {
    expect(taskDeadline('6月底前完成防火步道建设', 2024)).toBe('2024-06-30');
    expect(taskDeadline('2月底前完成', 2024)).toBe('2024-02-29');
    expect(taskDeadline('年底前全面完成', 2024)).toBe('2024-12-31');
    expect(taskDeadline('9月30日前报送', 2024)).toBe('2024-09-30');
    expect(taskDeadline('十一月底前完成', 2024)).toBe('2024-11-30');
    expect(taskDeadline('３月１５日前', 2024)).toBe('2024-03-15');
  });
  it('reads other ways of writing a deadline', () => {
    expect(taskDeadline('上半年完成清查', 2024)).toBe('2024-06-30');
    expect(taskDeadline('三季度末前完成', 2024)).toBe('2024-09-30');
    expect(taskDeadline('5月中旬完成', 2024)).toBe('2024-05-20');
    expect(taskDeadline('10月前完成', 2024)).toBe('2024-09-30');
  });
  it('keeps a year the text writes and takes the latest date of a task', () => {
    expect(taskDeadline('2025年3月底前完成验收', 2024)).toBe('2025-03-31');
    expect(taskDeadline('4月底前完成设计，10月底前完工', 2024)).toBe('2024-10-31');
  });
  it('finds none where none is written, or without a year', () => {
    expect(taskDeadline('全面完成2024年建设任务0.41万亩', 2024)).toBeNull();
    expect(taskDeadline('每季度巡林至少1次，每半年报告', 2024)).toBeNull();
    expect(taskDeadline('6月底前完成', null)).toBeNull();
    expect(taskDeadline('2月30日前', 2024)).toBeNull();
    expect(taskDeadline('三年内完成改造', 2024)).toBeNull();
    expect(taskDeadline('年内完成改造', 2024)).toBe('2024-12-31');
  });
});
