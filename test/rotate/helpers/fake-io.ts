import { randomBytes } from 'node:crypto';
import { execFile } from '../../../src/rotate/exec.js';
import { amqpLogin } from '../../../src/rotate/providers/amqp-login.js';
import type { RotationIo } from '../../../src/rotate/provider-types.js';

/** A RotationIo for tests: real fetch/exec/randomness, a settable clock, no sleeping, logs kept; env has PATH and HOME. */
export function testIo(overrides: Partial<RotationIo> = {}): RotationIo & { lines: string[]; clock: { now: Date } } {
  const lines: string[] = [];
  const clock = { now: new Date('2026-01-10T12:00:00Z') };
  return {
    fetch: globalThis.fetch,
    cwd: process.cwd(),
    now: () => clock.now,
    sleep: async () => undefined,
    randomBytes: (size) => randomBytes(size),
    exec: execFile,
    amqpLogin,
    log: (line) => void lines.push(line),
    lines,
    clock,
    ...overrides,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...overrides.env },
  };
}
