import { runAction } from './action/index.js';
process.exitCode = await runAction(process.env, { write: (text) => void process.stdout.write(text), cwd: process.cwd() });
