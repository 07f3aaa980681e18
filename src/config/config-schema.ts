import * as z from 'zod';
import { parseSize } from './config-defaults.js';

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
