import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkProtocolPack, formatPackReport } from './checkProtocolPack';
import { readProtocolDirectory } from './readProtocolDirectory';

const repo = resolve(__dirname, '../..');
const builtInDir = join(repo, 'resources/protocols');
const real = (id: string): Record<string, unknown> => JSON.parse(readFileSync(join(builtInDir, `${id}.json`), 'utf8')) as Record<string, unknown>;

let pack: string;
beforeEach(() => {
  pack = mkdtempSync(join(tmpdir(), 'careline-pack-'));
});
afterEach(() => rmSync(pack, { recursive: true, force: true }));

describe('checkProtocolPack', () => {
  it('passes a pack whose files all load, and lists what each replaces', () => {
    writeFileSync(join(pack, 'fever.json'), JSON.stringify({ ...real('fever'), version: '2.0.0' }));
    writeFileSync(join(pack, 'headache.json'), JSON.stringify(real('headache')));
    const report = checkProtocolPack(readProtocolDirectory(pack), readProtocolDirectory(builtInDir));
    expect(report.ok).toBe(true);
    expect(report.files.map((f) => [f.status, f.protocolId])).toEqual([
      ['loaded', 'fever'],
      ['not-used', 'headache'],
    ]);
    expect(report.files[0]?.reasons).toEqual([expect.stringMatching(/^fever 2\.0\.0 replaces the built-in .* \(higher version\)$/)]);
    const text = formatPackReport(pack, report);
    expect(text).toMatch(/^OK {8}.*fever\.json {2}\(fever 2\.0\.0\)$/m);
    expect(text).toMatch(/^NOT USED {2}.*headache\.json/m);
    expect(text).toMatch(/Result: the pack is valid\.$/);
  });

  it('fails a pack with a refused file or an empty folder', () => {
    expect(checkProtocolPack(readProtocolDirectory(pack), readProtocolDirectory(builtInDir)).problems).toEqual(['no .json protocol files in this folder']);
    writeFileSync(join(pack, 'bad.json'), JSON.stringify({ ...real('fever'), kind: 'triage' }));
    const report = checkProtocolPack(readProtocolDirectory(pack), readProtocolDirectory(builtInDir));
    expect(report.ok).toBe(false);
    expect(report.files[0]?.reasons).toEqual(['kind: Invalid option: expected one of "red-flag-screen"|"symptom" (found "triage")']);
    expect(formatPackReport(pack, report)).toMatch(/^REFUSED {3}.*bad\.json\n {12}- kind: Invalid option/m);
  });
});

describe('npm run protocols:check', () => {
  const run = async (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    try {
      const { stdout, stderr } = await promisify(execFile)(join(repo, 'node_modules/.bin/tsx'), [join(__dirname, 'checkCli.ts'), ...args], { cwd: repo });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  it('exits 0 for a valid pack, 1 for a refused file (with --json), 2 for usage errors', async () => {
    writeFileSync(join(pack, 'new.json'), JSON.stringify({ ...real('nosebleed'), id: 'licensed-nosebleed' }));
    const valid = await run(pack);
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/^OK .*new\.json {2}\(licensed-nosebleed /m);

    writeFileSync(join(pack, 'broken.json'), '{"id": }');
    const refused = await run(pack, '--json');
    expect(refused.code).toBe(1);
    const json = JSON.parse(refused.stdout) as { ok: boolean; files: { status: string; reasons: string[] }[] };
    expect(json.ok).toBe(false);
    expect(json.files[0]).toMatchObject({ status: 'refused', reasons: [expect.stringMatching(/^not valid JSON: line 1, column 8: /)] });

    expect((await run()).code).toBe(2);
    expect((await run(pack, '--frobnicate')).code).toBe(2);
    const missing = await run(join(pack, 'nope'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/is not a folder/);
  }, 60_000);
});
