// A plan arrives as text converted from Word or WPS: conversion leaves artefacts that are not part of the plan.

/** Inline artefacts removed wherever they stand: bookmarks, comment anchors, field codes. */
const inlineArtefacts = [/\[bookmark:[^\]]*\]/gi, /\[comment:[^\]]*\]/gi, /\{\s*(?:PAGE|NUMPAGES|TOC)[^}]*\}/g, /\u200b|\ufeff|\u00ad/g];

/** Whole lines that are layout, not text: page numbers (— 3 —, - 3 -, 第 3 页 共 10 页, 3/10). */
const artefactLines = [/^[—–\-－\s]*\d+[—–\-－\s]*$/, /^第\s*\d+\s*页(\s*[，,]?\s*共\s*\d+\s*页)?$/, /^\d+\s*\/\s*\d+$/];

export interface PlanLine {
  /** 1-based line number in the source, for findings. */
  line: number;
  text: string;
}

/** The plan's non-empty lines with artefacts dropped and whitespace trimmed (full-width spaces too). */
export function planLines(source: string): PlanLine[] {
  const lines: PlanLine[] = [];
  source.split(/\r\n|\r|\n/).forEach((raw, i) => {
    let text = raw;
    for (const re of inlineArtefacts) text = text.replace(re, '');
    text = text.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (!text || artefactLines.some((re) => re.test(text))) return;
    lines.push({ line: i + 1, text });
  });
  return lines;
}
