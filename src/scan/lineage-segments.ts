import type { BlobTask } from './blob-scan.js';

/** Segments per job: more than one each, so a worker that finishes early takes another (costs are estimates). */
const SEGMENTS_PER_JOB = 1;

/** The estimated cost of a version scanned on its new lines (read, hash, a few lines scanned), per byte, against 1 for a whole scan. */
const FOCUSED_COST = 0.2;

/**
 * Cuts a history scan's blobs into segments for `jobs` workers so that each version of a file
 * is in the same segment as, and after, the version it replaced (its base): a segment then scans
 * a version only on its new lines (src/scan/blob-lineage.ts). Blobs linked by bases form a
 * family (one file's versions). Families are dealt out, costliest first, to the cheapest segment
 * (a version with its base in the family costs FOCUSED_COST of its size); a family is cut, in
 * history order, only when it alone would cost more than a job's share (the piece after a cut
 * starts with the base of its first version, read and hashed only). Inside a segment, families keep the given order (pack order: git
 * reads faster), each in history order.
 */
export function lineageSegments(tasks: readonly BlobTask[], jobs: number, introOf: (oid: string) => number): BlobTask[][] {
  if (tasks.length === 0) return [];
  const families = familiesOf(tasks, introOf);
  const pieces: { tasks: BlobTask[]; cost: number; order: number }[] = [];
  const costs = families.map(familyCost);
  const total = costs.reduce((sum, cost) => sum + cost, 0);
  const share = total / jobs;
  families.forEach((family, order) => {
    const cost = costs[order] as number;
    if (jobs === 1 || cost <= share) {
      pieces.push({ tasks: family, cost, order });
      return;
    }
    const target = cost / Math.ceil(cost / share);
    let piece: BlobTask[] = [];
    let inPiece = new Set<string>();
    let spent = 0;
    for (const task of family) {
      const focused = task.base !== undefined && inPiece.has(task.base);
      const taskCost = Math.max(task.size, 0) * (focused ? FOCUSED_COST : 1);
      if (piece.some((t) => !t.hashOnly) && spent + taskCost > target) {
        pieces.push({ tasks: piece, cost: spent, order });
        // The next piece starts with its first version's base, read and hashed only: that version is still scanned on its new lines.
        const base = task.base !== undefined ? piece.find((t) => t.oid === task.base) : undefined;
        piece = base ? [{ ...base, hashOnly: true }] : [];
        inPiece = new Set(base ? [base.oid] : []);
        spent = base ? Math.max(base.size, 0) * FOCUSED_COST : 0;
      }
      piece.push(task);
      inPiece.add(task.oid);
      spent += taskCost;
    }
    pieces.push({ tasks: piece, cost: spent, order });
  });
  const count = Math.max(1, Math.min(jobs * (jobs > 1 ? SEGMENTS_PER_JOB : 1), pieces.length));
  const bins = Array.from({ length: count }, () => ({ pieces: [] as typeof pieces, cost: 0 }));
  for (const piece of [...pieces].sort((a, b) => b.cost - a.cost || a.order - b.order)) {
    let cheapest = bins[0] as (typeof bins)[number];
    for (const bin of bins) if (bin.cost < cheapest.cost) cheapest = bin;
    cheapest.pieces.push(piece);
    cheapest.cost += piece.cost;
  }
  return bins
    .filter((bin) => bin.pieces.length)
    .sort((a, b) => b.cost - a.cost)
    .map((bin) => bin.pieces.sort((a, b) => a.order - b.order).flatMap((piece) => piece.tasks));
}

/** A family's estimated cost: its first version (and any whose base is not in it) whole, the others at FOCUSED_COST. */
function familyCost(family: readonly BlobTask[]): number {
  const oids = new Set(family.map((task) => task.oid));
  return family.reduce(
    (sum, task) => sum + Math.max(task.size, 0) * (task.base !== undefined && oids.has(task.base) ? FOCUSED_COST : 1),
    0,
  );
}

/** Groups blobs linked by their bases (union-find); each group in history order; groups in order of their first blob in `tasks`. */
function familiesOf(tasks: readonly BlobTask[], introOf: (oid: string) => number): BlobTask[][] {
  const indexOf = new Map<string, number>();
  tasks.forEach((task, i) => indexOf.set(task.oid, i));
  const parent = Int32Array.from(tasks.keys());
  const root = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i] as number] as number;
      i = parent[i] as number;
    }
    return i;
  };
  tasks.forEach((task, i) => {
    const base = task.base === undefined ? undefined : indexOf.get(task.base);
    if (base === undefined) return;
    const a = root(i);
    const b = root(base);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  });
  const families = new Map<number, BlobTask[]>();
  tasks.forEach((task, i) => {
    const r = root(i);
    const family = families.get(r);
    if (family) family.push(task);
    else families.set(r, [task]);
  });
  const ordered = [...families.entries()].sort((a, b) => a[0] - b[0]).map(([, family]) => family);
  for (const family of ordered) if (family.length > 1) family.sort((a, b) => introOf(a.oid) - introOf(b.oid));
  return ordered;
}
