import { httpVerifier } from './http-verifier.js';
import { aiSpecs } from './providers/ai.js';
import { awsVerifier } from './providers/aws.js';
import { cloudSpecs } from './providers/cloud.js';
import { codeHostingSpecs } from './providers/code-hosting.js';
import { databaseVerifiers } from './providers/databases.js';
import { devopsSpecs } from './providers/devops.js';
import { messagingSpecs } from './providers/messaging.js';
import { saasSpecs } from './providers/saas.js';
import type { Verifier } from './types.js';

/** Every HTTP verifier's data entry, in one list (the table-driven test runs over it). */
export const httpVerifierSpecs = [...codeHostingSpecs, ...aiSpecs, ...messagingSpecs, ...cloudSpecs, ...devopsSpecs, ...saasSpecs];

/** Every built-in verifier. */
export const builtinVerifiers: Verifier[] = [...httpVerifierSpecs.map(httpVerifier), awsVerifier, ...databaseVerifiers];

/** Verifiers by the rule ids and rotation provider ids they serve. */
export class VerifierRegistry {
  private readonly byRule = new Map<string, Verifier>();
  private readonly byProvider = new Map<string, Verifier>();
  private readonly byId = new Map<string, Verifier>();

  constructor(readonly verifiers: Verifier[] = builtinVerifiers) {
    for (const verifier of verifiers) {
      if (this.byId.has(verifier.id)) throw new Error(`duplicate verifier id ${verifier.id}`);
      this.byId.set(verifier.id, verifier);
      for (const ruleId of verifier.ruleIds) {
        if (this.byRule.has(ruleId)) throw new Error(`rule ${ruleId} has two verifiers`);
        this.byRule.set(ruleId, verifier);
      }
      for (const provider of verifier.providers ?? []) if (!this.byProvider.has(provider)) this.byProvider.set(provider, verifier);
    }
  }

  /** The verifier for a finding's rule. */
  forRule(ruleId: string): Verifier | undefined {
    return this.byRule.get(ruleId);
  }

  /** The verifier for a rotation provider id (`github`, `aws-iam`, `postgres`…) or a verifier id. */
  forProvider(id: string): Verifier | undefined {
    return this.byProvider.get(id) ?? this.byId.get(id);
  }
}
