import { describe, expect, it } from 'vitest';
import { LineHashSet } from '../../src/scan/line-hash-set.js';

describe('LineHashSet', () => {
  it('holds every pair added, through growth, and no other (pairs that share one hash included)', () => {
    const set = new LineHashSet();
    const pairs = Array.from({ length: 50_000 }, (_, i) => [Math.imul(i, 0x9e3779b1) | 0, i % 7] as const);
    for (const [first, second] of pairs) set.add(first, second);
    for (const [first, second] of pairs) set.add(first, second);
    expect(set.size).toBe(pairs.length);
    expect(pairs.every(([first, second]) => set.has(first, second))).toBe(true);
    expect(pairs.some(([first, second]) => set.has(first, second + 7))).toBe(false);
    expect(set.has(pairs[0]?.[0] as number, 99)).toBe(false);
  });

  it('sets sharing a budget hold that many lines in all, then no more (adding again spends nothing)', () => {
    const budget = { lines: 10 };
    const a = new LineHashSet(budget);
    const b = new LineHashSet(budget);
    for (let i = 0; i < 6; i++) a.add(i, i);
    for (let i = 0; i < 6; i++) a.add(i, i);
    for (let i = 0; i < 6; i++) b.add(i, -i);
    expect(a.size + b.size).toBe(10);
    expect(b.size).toBe(4);
    expect(b.has(5, -5)).toBe(false);
    expect(budget.lines).toBe(0);
  });

  it('holds the pair (0, 0), which an empty slot looks like, only once added, and counts it once', () => {
    const budget = { lines: 3 };
    const set = new LineHashSet(budget);
    expect(set.has(0, 0)).toBe(false);
    set.add(1, 0);
    expect(set.has(0, 0)).toBe(false);
    set.add(0, 0);
    set.add(0, 0);
    expect(set.has(0, 0)).toBe(true);
    expect(set.has(0, 1)).toBe(false);
    expect(set.size).toBe(2);
    expect(budget.lines).toBe(1);
  });
});
