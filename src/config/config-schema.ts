import { z } from 'zod';

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?$/i;

/** Parses `10MB`, `512kb`, `1048576` into bytes. */
export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
  const m = SIZE.exec(value.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[unit] ?? 1;
  return Math.floor(Number(m[1]) * factor);
}

/** `.unleak.yaml`: what users may configure (README "Configuration"). */
export const configSchema = z
  .object({
    /** `default` keeps the built-in rules; `none` uses only the rules below. */
    extends: z.enum(['default', 'none']).default('default'),
    rules: z.array(z.unknown()).default([]),
    disabledRules: z.array(z.string()).default([]),
    allowlist: z
      .object({
        paths: z.array(z.string().min(1)).default([]),
        regexes: z.array(z.string().min(1)).default([]),
        lines: z.array(z.string().min(1)).default([]),
        stopwords: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ paths: [], regexes: [], lines: [], stopwords: [] }),
    maxFileSize: z
      .union([z.string(), z.number()])
      .refine((v) => parseSize(v) !== undefined, 'a size such as 10MB, 512kb or a number of bytes')
      .default('10MB'),
    maxDecodeDepth: z.number().int().min(0).max(5).default(2),
    /** Report only findings at this confidence or above, for every scan of the repository; `--min-confidence` wins. */
    minConfidence: z.enum(['low', 'medium', 'high']).optional(),
    rotation: z.record(z.string(), z.unknown()).optional(),
    maxAge: z.string().optional(),
    providers: z.record(z.string(), z.unknown()).optional(),
    /** Live verification: self-hosted GitHub Enterprise / GitLab hosts a token may also be sent to. */
    verify: z
      .object({
        hosts: z
          .object({
            github: z.array(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, 'a host name, optionally with :port')).optional(),
            gitlab: z.array(z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, 'a host name, optionally with :port')).optional(),
          })
          .strict()
          .default({}),
      })
      .strict()
      .optional(),
  })
  .strict();

/** The config after defaults are applied. */
export type UnleakConfig = z.infer<typeof configSchema>;
