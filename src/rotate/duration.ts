/** Durations in `.unleak.yaml` (`90d`, `12h`, `2w`, `30m`, `45s`, or a number of seconds) and their display. */

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/i;

/** Parses a duration into milliseconds; undefined when it is not one. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const match = DURATION.exec(trimmed);
  if (!match) return undefined;
  const unit = (match[2] ?? 's').toLowerCase() as keyof typeof UNIT_MS;
  return Math.round(Number(match[1]) * UNIT_MS[unit]);
}

/** A short, rounded-down display of a duration: `45s`, `12m`, `5h`, `3d`, `14d`, `400d`. */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, ms);
  if (abs < UNIT_MS.m) return `${Math.floor(abs / UNIT_MS.s)}s`;
  if (abs < UNIT_MS.h) return `${Math.floor(abs / UNIT_MS.m)}m`;
  if (abs < UNIT_MS.d) return `${Math.floor(abs / UNIT_MS.h)}h`;
  return `${Math.floor(abs / UNIT_MS.d)}d`;
}
