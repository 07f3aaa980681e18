import { randomBytes } from 'node:crypto';
import type { RotationIo } from '../../../src/rotate/provider-types.js';
import { rotationClients } from '../../../src/rotate/rotation-clients.js';

/** A RotationIo for tests: the real clients (fetch, exec, database drivers) and randomness, a settable clock, no sleeping, logs kept; env has PATH and HOME. */
export function testIo(overrides: Partial<RotationIo> = {}): RotationIo & { lines: string[]; clock: { now: Date } } {
  const lines: string[] = [];
  const clock = { now: new Date('2026-01-10T12:00:00Z') };
  return {
    ...rotationClients,
    cwd: process.cwd(),
    now: () => clock.now,
    sleep: async () => undefined,
    randomBytes: (size) => randomBytes(size),
    log: (line) => void lines.push(line),
    lines,
    clock,
    ...overrides,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...overrides.env },
  };
}
