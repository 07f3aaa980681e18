export type { SourceItem, SkipReason, SourceCounters } from './source.js';
export { fileSource, type FileSourceOptions } from './file-source.js';
export { listGitFiles, listPlainFiles, readUnleakIgnore } from './list-files.js';
export { git, gitTopLevel } from './git-exec.js';
export { looksBinary, decodeText } from './decode-text.js';
