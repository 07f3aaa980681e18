import type { CompiledRule } from './compile.js';
import type { ProximityMatcher } from './proximity.js';
import type { Confidence, Validation } from './types.js';

/** The order of confidences, lowest first: `--min-confidence medium` keeps medium and high. */
export const CONFIDENCE_ORDER: readonly Confidence[] = ['low', 'medium', 'high'];

/** True when `confidence` is at least `minimum`. */
export function meetsConfidence(confidence: Confidence, minimum: Confidence): boolean {
  return CONFIDENCE_ORDER.indexOf(confidence) >= CONFIDENCE_ORDER.indexOf(minimum);
}

/** What decides a finding's confidence. */
export interface ConfidenceInput {
  rule: CompiledRule;
  secret: string;
  /** The whole match of the rule. */
  match: string;
  validation: Validation;
  /** The scanned text and where the secret starts in it (for the context of a Firebase config). */
  text: string;
  secretStart: number;
}

/** Words of a Firebase web config object, published in every web app that uses it. */
const FIREBASE_HINT = /firebase|authDomain|messagingSenderId|storageBucket|measurementId/i;
/** The config object itself: the key assigned to `apiKey` beside an `authDomain`. */
const FIREBASE_CONFIG = /\bauthDomain["']?\s*[:=]/;
const FIREBASE_WINDOW = 400;

const firebaseWindow = (secret: string, text: string, secretStart: number): string | undefined =>
  secret.startsWith('AIza')
    ? text.slice(Math.max(0, secretStart - FIREBASE_WINDOW), secretStart + secret.length + FIREBASE_WINDOW)
    : undefined;

/**
 * A Google API key (`AIza…`) assigned to `apiKey` in a Firebase web config (`firebaseConfig =
 * { apiKey: …, authDomain: … }`): public by design, it identifies the app to Firebase and is
 * restricted by the project's security rules, so it is not reported.
 * https://firebase.google.com/docs/projects/api-keys
 */
export function isFirebaseWebConfigKey(secret: string, text: string, secretStart: number): boolean {
  const around = firebaseWindow(secret, text, secretStart);
  if (!around || !FIREBASE_CONFIG.test(around)) return false;
  return /apiKey["']?\s*[:=]\s*["'`]?$/.test(text.slice(Math.max(0, secretStart - 40), secretStart));
}

/** An `AIza…` key near Firebase words but outside a config object: probably a web key, maybe not. */
function nearFirebase(secret: string, text: string, secretStart: number): boolean {
  const around = firebaseWindow(secret, text, secretStart);
  return around !== undefined && FIREBASE_HINT.test(around);
}

/** True when the secret carries one of its rule's literal keywords: an exact vendor prefix or host (`ghp_`, `AKIA`, `hooks.slack.com`). */
function carriesRuleKeyword(rule: CompiledRule, secret: string): boolean {
  const lower = secret.toLowerCase();
  return rule.spec.keywords.some((keyword) => keyword.length >= 3 && lower.includes(keyword));
}

const isProximity = (rule: CompiledRule): rule is CompiledRule & { matcher: ProximityMatcher } => 'confidenceOf' in rule.matcher;

/**
 * How sure a finding is. `high`: an offline checksum or structure check passed, or a specific
 * rule's secret carries the vendor's exact prefix; `medium`: a keyword and entropy (generic
 * rules, vendor rules without a prefix, a vendor name in the setting's own name); `low`: guesses
 * from proximity (a vendor name nearby), and Google keys near Firebase words (web keys are public).
 */
export function findingConfidence({ rule, secret, match, validation, text, secretStart }: ConfidenceInput): Confidence {
  if (isProximity(rule)) return rule.matcher.confidenceOf(match, secret);
  if (nearFirebase(secret, text, secretStart)) return 'low';
  if (validation === 'checksum-valid') return 'high';
  if (rule.spec.tags?.includes('generic')) return 'medium';
  if (validation === 'structure-valid' || carriesRuleKeyword(rule, secret)) return 'high';
  return 'medium';
}
