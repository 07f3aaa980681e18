import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listPackOrder, readObjects, streamCommitLog } from '../../src/sources/index.js';
import { gitEnv, TestRepo } from '../git/git-fixture.js';

const BOUNDS = { 'core.packedgitwindowsize': '16m', 'core.packedgitlimit': '64m', 'core.deltabasecachelimit': '32m' };

/** The memory settings each git process ran with, by subcommand, from git's trace2 events. */
function settingsByCommand(traceFile: string): Map<string, Record<string, string>> {
  const bySid = new Map<string, { command?: string; params: Record<string, string> }>();
  for (const line of readFileSync(traceFile, 'utf8').split('\n').filter(Boolean)) {
    const event = JSON.parse(line) as { event: string; sid: string; argv?: string[]; param?: string; value?: string };
    const entry = bySid.get(event.sid) ?? { params: {} };
    bySid.set(event.sid, entry);
    if (event.event === 'start')
      entry.command = event.argv?.find((arg, i) => i > 0 && !arg.startsWith('-') && event.argv?.[i - 1] !== '-c');
    if (event.event === 'def_param' && event.param) entry.params[event.param] = event.value ?? '';
  }
  return new Map([...bySid.values()].filter((entry) => entry.command).map((entry) => [entry.command as string, entry.params]));
}

describe('git processes that read a whole history', () => {
  it('run with bounded pack windows and delta-base cache (the history walk, the pack listing, the blob reader), and still read everything', async () => {
    const repo = TestRepo.create().write({ 'a.txt': 'one\n', 'b.txt': 'two\n' });
    repo.commitAll('first');
    repo.write({ 'a.txt': 'one more\n' });
    repo.commitAll('second');
    repo.git('gc', '-q');
    const traceDir = mkdtempSync(join(tmpdir(), 'unleak-trace2-'));
    const traceFile = join(traceDir, 'events.json');
    const env = gitEnv({ GIT_TRACE2_EVENT: traceFile, GIT_TRACE2_CONFIG_PARAMS: Object.keys(BOUNDS).join(',') });
    try {
      const commits = [];
      for await (const commit of streamCommitLog(['--reverse', 'HEAD'], { cwd: repo.dir, env })) commits.push(commit);
      const listing = await listPackOrder({ cwd: repo.dir, env });
      const oids = commits.flatMap((commit) => commit.changes.map((change) => change.newOid));
      const contents = [];
      for await (const object of readObjects(oids, { cwd: repo.dir, env })) contents.push(object.content?.toString('utf8'));
      expect(commits.map((commit) => commit.message.trim())).toEqual(['first', 'second']);
      expect(listing.count).toBe(3);
      expect(contents).toEqual(['one\n', 'two\n', 'one more\n']);
      const settings = settingsByCommand(traceFile);
      expect(settings.get('log')).toEqual(BOUNDS);
      expect(settings.get('cat-file')).toEqual(BOUNDS);
      expect([...settings.keys()].sort()).toEqual(['cat-file', 'log']);
    } finally {
      rmSync(traceDir, { recursive: true, force: true });
      rmSync(repo.dir, { recursive: true, force: true });
    }
  });
});
