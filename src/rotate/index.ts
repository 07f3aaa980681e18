/**
 * src/rotate: rotation through provider hooks (DESIGN.md §3). This file is the room's door.
 *
 *   settings = parseRotationSettings(config, file)        maxAge, rotation.{grace,secrets}, providers
 *   registry = await loadProviderRegistry(settings, cwd)  built-ins + custom modules, options checked
 *   results  = await runRotation({ store, registry, io, selection, dryRun?, graceMs?, now? })
 *   statuses = entryStatuses(await store.entries(), registry, now)
 *
 * One rotation is rotateEntry(job) (prepare → pending saved → create → store → test → revoke,
 * rolled back on failure, then verified live with io.verifyLive when given), and finishEntry(job) completes one that kept a previous or pending value. A store is anything implementing
 * RotationStore: encryptedRotationStore(access) over src/store, or MemoryRotationStore.
 *
 * Imports src/store; never cli, sources, fix, action, report, scan or verify (eslint.config.js).
 */

export type { ExecFn, ExecResult } from './exec.js';
export { execFile } from './exec.js';
export { formatDuration, parseDuration } from './duration.js';
export { defineProvider } from './define-provider.js';
export { finishEntry, graceEnd, type FinishOutcome } from './finish.js';
export { twoPhaseHandle, type HandleSteps } from './handle.js';
export { MemoryRotationStore } from './memory-store.js';
export {
  verificationAlarm,
  type LiveCheckRequest,
  type LiveVerification,
  type LiveVerifier,
  type RotationVerification,
} from './live-check.js';
export type {
  RevokeContext,
  RotationCheckpoint,
  RotationClients,
  RotationContext,
  RotationHandle,
  RotationIo,
  RotationProvider,
  RotationSubject,
} from './provider-types.js';
export { rotateEntry, type RotationJob, type RotationOutcome } from './protocol.js';
export { amqpLogin, brokerRefusal, type AmqpLoginFn } from './providers/amqp-login.js';
export { connectRedis, RedisReplyError, type RedisConnect, type RedisConnection } from './providers/redis-client.js';
export { rotationClients } from './rotation-clients.js';
export { builtinProviders, loadProviderRegistry, ProviderRegistry, type BuiltinProviderId } from './registry.js';
export { parseRotationSettings, type RotationSettings } from './rotation-config.js';
export { RotationError, type RotationStep } from './rotation-errors.js';
export { holdersOf, sharedShape, type Holder } from './holders.js';
export type { HolderChange, RotationAuditEvent, RotationEntry, RotationStore, RotationTarget } from './rotation-store.js';
export { runRotation, type RotationResult, type RotationRun } from './run.js';
export { encryptedRotationStore } from './secret-store-adapter.js';
export { selectEntries, type Selection } from './selection.js';
export { entryStatuses, type EntryStatus } from './status.js';
