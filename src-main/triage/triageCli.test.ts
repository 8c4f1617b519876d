import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The real command, as `npm run triage` runs it: tsx on triageCli.ts, in its own process.
const root = resolve(__dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
const cli = resolve(__dirname, 'triageCli.ts');
const run = (args: string[]) => spawnSync(tsx, [cli, ...args], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'triage-cli-'));
const answers = join(dir, 'answers.json');
writeFileSync(answers, JSON.stringify({ 'red-flags/chest-pain': 'no', 'chest-pain/heartburn-pattern': 'yes' }));

describe('npm run triage', { timeout: 60_000 }, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints findings, protocol, each question with its source, disposition and care advice', () => {
    const r = run(['--age', '45', '--sex', 'male', '--say', 'chset pain after meals, no fever', '--answers', answers, '--at', '2026-11-22T22:30', '--zip', '10001']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Demonstration content, not for clinical use.');
    expect(r.stdout).toMatch(/present\s+Chest pain \[RED FLAG\] <- "chset pain"/);
    expect(r.stdout).toMatch(/absent\s+Fever <- "fever" \(cue "no"\)/);
    expect(r.stdout).toContain('Location: ZIP 10001 -> NY');
    expect(r.stdout).toContain('Protocol chosen: Chest pain (chest-pain');
    expect(r.stdout).toMatch(/\[NO {7}\] red-flags\/chest-pain: .*\n\s+source answers-file: from the answers file/);
    expect(r.stdout).toMatch(/\[NO {7}\] red-flags\/not-breathing: .*\n\s+source default: default "no"/);
    expect(r.stdout).toMatch(/\[YES {6}\] chest-pain\/heartburn-pattern/);
    expect(r.stdout).toContain('Disposition: Be seen today or tomorrow (seen-today-or-tomorrow)');
    expect(r.stdout).toContain('after hours (closed: no hours on Sun, now Sun 22:30 America/New_York)');
    expect(r.stdout).toContain('Care advice (for the nurse to give):');
  });

  it('prints one JSON object with --json', () => {
    const r = run(['--age-months', '2', '--sex', 'female', '--say', 'temp 38.2', '--at', '2026-11-23T10:15', '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { questions: { key: string; source: string }[] };
    expect(out).toMatchObject({
      outcome: 'triaged',
      patient: { ageBand: 'infant-under-3-months', ageMonths: 2 },
      serviceLine: { id: 'pediatrics' },
      protocol: { id: 'fever' },
      disposition: { id: 'ed-now' },
    });
    expect(out.questions.find((q) => q.key === 'fever/young-infant-fever')).toMatchObject({ answer: 'yes', source: 'callers-words' });
  });

  it('exits 3 with a clear message when no protocol is recognized', () => {
    const text = run(['--age', '30', '--sex', 'male', '--say', 'my cat is fine']);
    expect(text.status).toBe(3);
    expect(text.stdout).toContain('NO PROTOCOL: No installed symptom protocol for age band adult matches these words');
    const json = run(['--age', '30', '--sex', 'male', '--say', 'my cat is fine', '--json']);
    expect(json.status).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ outcome: 'no-protocol' });
  });

  it('exits 2 with the usage for bad arguments and unknown answers', () => {
    const bad = run(['--age', 'old', '--sex', 'male', '--say', 'cough']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('error: --age must be a whole number of years');
    expect(bad.stderr).toContain('Usage: npm run triage --');
    writeFileSync(join(dir, 'unknown.json'), JSON.stringify({ 'fever/nope': 'yes' }));
    const unknown = run(['--age', '30', '--sex', 'male', '--say', 'fever', '--answers', join(dir, 'unknown.json')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('error: unknown question "fever/nope"');
  });

  it('exits 1 when the answers file cannot be read', () => {
    const r = run(['--age', '30', '--sex', 'male', '--say', 'fever', '--answers', join(dir, 'missing.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cannot read the answers file');
  });
});
