import { readDocx } from './read-docx.ts';

// Issue 8 §1: a plan is uploaded as .txt (UTF-8, or GB18030 as Windows Notepad in Chinese saves it) or .docx.

export const planFileTypes = ['.txt', '.docx'] as const;

export function readPlanFile(fileName: string, content: Uint8Array): { ok: true; value: { text: string; findings: string[] } } | { ok: false; error: string } {
  const ext = /\.[^.]+$/.exec(fileName.toLowerCase())?.[0];
  if (ext === '.docx') return readDocx(content);
  if (ext !== '.txt') return { ok: false, error: `不支持的文件类型${ext ? ` ${ext}` : ''}：请上传 .txt 或 .docx（.doc 请先另存为 .docx）` };
  let text: string;
  const findings: string[] = [];
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    text = new TextDecoder('gb18030').decode(content);
    findings.push('文件不是 UTF-8 编码，已按 GB18030（GBK）读取');
  }
  if (!text.trim()) return { ok: false, error: '文件内容为空' };
  return { ok: true, value: { text: text.replace(/^\ufeff/, ''), findings } };
}
