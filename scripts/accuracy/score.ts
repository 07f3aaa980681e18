// Scores a tool's findings against the labeled corpus: recall and false-alarm rate, per category.
import type { CorpusCase } from './corpus.js';
import type { ToolFinding } from './run-tools.js';

/** Scores of one tool. */
export interface Score {
  recall: number;
  falseAlarmRate: number;
  positives: number;
  negatives: number;
  misses: CorpusCase[];
  falseAlarms: CorpusCase[];
  byCategory: Map<string, { label: CorpusCase['label']; total: number; wrong: number }>;
}

/** A secret is found when a finding in its folder covers its line; a clean file is a false alarm on any finding. */
export function score(cases: Map<string, CorpusCase>, findings: ToolFinding[]): Score {
  const byFolder = new Map<string, ToolFinding[]>();
  for (const f of findings) byFolder.set(f.folder, [...(byFolder.get(f.folder) ?? []), f]);
  const misses: CorpusCase[] = [];
  const falseAlarms: CorpusCase[] = [];
  const byCategory: Score['byCategory'] = new Map();
  let positives = 0;
  let negatives = 0;
  for (const [folder, c] of cases) {
    const found = byFolder.get(folder) ?? [];
    const key = `${c.label === 'secret' ? 'secret' : 'clean'}/${c.category}`;
    const entry = byCategory.get(key) ?? { label: c.label, total: 0, wrong: 0 };
    entry.total += 1;
    if (c.label === 'secret') {
      positives += 1;
      const hit = found.some((f) => f.line <= (c.line ?? 1) && (c.line ?? 1) <= f.endLine);
      if (!hit) {
        misses.push(c);
        entry.wrong += 1;
      }
    } else {
      negatives += 1;
      if (found.length) {
        falseAlarms.push(c);
        entry.wrong += 1;
      }
    }
    byCategory.set(key, entry);
  }
  return {
    recall: (positives - misses.length) / positives,
    falseAlarmRate: falseAlarms.length / negatives,
    positives,
    negatives,
    misses,
    falseAlarms,
    byCategory,
  };
}
