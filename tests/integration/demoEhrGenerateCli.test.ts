// DEMO ENVIRONMENT (simulation): the synthetic population CLI, run as a real process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const CLI = resolve(__dirname, '../../src-main/demo/ehr/generateCli.ts');
const run = (args: string[]): ReturnType<typeof spawnSync> =>
  spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', cwd: resolve(__dirname, '../..'), timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });

describe('generateCli (synthetic demo population)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'careline-demo-pop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one FHIR resource per line to a file, and the same bytes to stdout', () => {
    const file = join(dir, 'pop.ndjson');
    const toFile = run(['--patients', '40', '--seed', '3', '--out', file]);
    expect(toFile.status).toBe(0);
    expect(toFile.stderr).toMatch(/Synthetic demo population \(simulation\): \d+ resources \(.*Patient 40.*\)/);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const types = lines.map((l) => (JSON.parse(l) as { resourceType: string }).resourceType);
    expect(types.filter((t) => t === 'Patient')).toHaveLength(40);
    const toStdout = run(['--patients', '40', '--seed', '3', '--out', '-']);
    expect(toStdout.status).toBe(0);
    expect(toStdout.stdout).toBe(readFileSync(file, 'utf8'));
  });

  it('exits 2 with a clear message on bad arguments', () => {
    const bad = run(['--patients', 'lots', '--out', '-']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--patients must be an integer/);
    expect(bad.stdout).toBe('');
    expect(run(['--patients', '5']).status).toBe(2);
  });

  it('exits 1 when it cannot write', () => {
    const result = run(['--patients', '5', '--out', join(dir, 'missing', 'pop.ndjson')]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Could not write/);
  });
});
