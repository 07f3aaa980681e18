// What scripts/build.mjs needs to write dist/builtin-automaton.bin: the keyword prefilter and the automaton's file format.
export { KeywordPrefilter } from '../src/engine/prefilter.js';
export { automatonBytes } from '../src/engine/automaton-file.js';
