import { markNumber } from './workplan-labels.ts';

/** A target's sentence with its number highlighted. */
export function SentenceWithNumber({ text, value, unit }: { text: string; value: number; unit: string }) {
  const m = markNumber(text, value, unit);
  return <span className="workplan-sentence">{m.before}{m.mark && <mark data-testid="target-mark">{m.mark}</mark>}{m.after}</span>;
}
