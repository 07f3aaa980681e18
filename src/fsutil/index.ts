/**
 * src/fsutil: file-system helpers every room may import; it imports no other room (only
 * src/errors.ts). This file is the room's door.
 *
 *   writeFileAtomic(path, data, { mode?, createDir? })       → Promise<void>
 *   writeFileAtomicSync(path, data, { mode?, createDir? })   → void
 *       temp `.NAME.PID.RANDOM.tmp` beside the target, fsync, rename, fsync of the folder; mode:
 *       given, else the existing file's, else 0o644; on failure the temp file is removed and an
 *       UnleakError UNLEAK_WRITE_FAILED (errno error as cause) is thrown
 *   removeStaleTempFiles(path), isProcessAlive(pid)
 */

export { tempPathFor, writeFileAtomic, writeFileAtomicSync, type AtomicWriteOptions } from './atomic-write.js';
export { isProcessAlive, removeStaleTempFiles } from './stale-temp-files.js';
