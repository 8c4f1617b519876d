/**
 * The vignette regression set (issue 3, Done-means 3): every case in tests/vignettes/cases/*.json runs through
 * headless triage (the same engines as the UI) and is scored against what a nurse reading the protocol files
 * would decide. Prints the per-case table and the totals; fails on any under-triaged emergency, any case
 * error, or accuracy below ACCURACY_FLOOR.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHeadlessTriage, type HeadlessTriageResult } from '../../src-main/triage/headlessTriage';
import { loadTriageContent } from '../../src-main/triage/loadTriageContent';
import { loadVignetteCases } from './vignetteCase';
import { formatVignetteReport, requestOf, scoreVignette, totalsOf, type VignetteRow } from './vignetteScore';

/**
 * Exact-disposition accuracy below this fails the set. Why 0.8: the expectations are a nurse's reading of
 * the protocols, while headless triage only knows the words and the answers file; a few cases honestly
 * differ (a past faint read as "passed out" now, words the checker does not map to a protocol question).
 * Those misses are listed in the report. Today's figure is 87% (112 cases); the floor sits about eight cases
 * under it, so a change that breaks several cases at once fails while the cases another engineer adds for new
 * protocols can land; safety is held absolutely by the emergency assertion, not by this floor.
 */
const ACCURACY_FLOOR = 0.8;

const root = resolve(__dirname, '../..');
const content = loadTriageContent(join(root, 'resources'));
const loaded = loadVignetteCases(join(__dirname, 'cases'));

function run(c: (typeof loaded.cases)[number]): HeadlessTriageResult | Error {
  try {
    return runHeadlessTriage(requestOf(c), content);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

const rows: VignetteRow[] = loaded.cases.map((c) => scoreVignette(c, run(c)));

describe('vignette regression set', () => {
  afterAll(() => {
    console.log(`\nVignettes (demonstration content, not for clinical use)\n${formatVignetteReport(rows)}\n`);
  });

  it('has valid case files', () => {
    expect(loaded.problems, loaded.problems.join('\n')).toEqual([]);
  });

  it('holds 60+ cases over adults, children and infants', () => {
    expect(loaded.cases.length).toBeGreaterThanOrEqual(60);
    const bands = new Set(loaded.cases.map((c) => (c.ageMonths !== undefined && c.ageMonths < 12 ? 'infant' : (c.age ?? 0) < 18 ? 'child' : 'adult')));
    expect([...bands].sort()).toEqual(['adult', 'child', 'infant']);
  });

  it('runs every case without an error', () => {
    const errors = rows.filter((r) => r.verdict === 'ERROR');
    expect(errors.map((r) => `${r.id}: ${r.detail}`)).toEqual([]);
  });

  it('never under-triages an emergency (expected call-911 or ed-now)', () => {
    const under = rows.filter((r) => r.emergencyUnderTriaged);
    expect(under.map((r) => `${r.id}: expected ${r.expected}, got ${r.got ?? r.verdict} (${r.detail})`)).toEqual([]);
  });

  it(`reaches the exact disposition in at least ${ACCURACY_FLOOR * 100}% of cases`, () => {
    expect(totalsOf(rows).accuracy).toBeGreaterThanOrEqual(ACCURACY_FLOOR);
  });
});

describe('vignette case files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vignettes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('name the file, the case and the field of a bad case', () => {
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify([
        { id: 'ok-1', title: 't', age: 30, sex: 'male', say: 'cough', expect: { protocol: 'cough-cold', disposition: 'home-care' } },
        { id: 'bad-1', title: 't', age: 30, sex: 'male', say: 'cough', expect: { protocol: 'cough-cold', disposition: 'soon' } },
        { id: 'bad-2', title: 't', age: 30, ageMonths: 4, sex: 'male', say: 'cough', expect: { protocol: 'cough-cold', disposition: 'home-care' } },
        { id: 'ok-1', title: 't', age: 30, sex: 'male', say: 'cough', expect: { protocol: 'cough-cold', disposition: 'home-care' } },
      ]),
    );
    writeFileSync(join(dir, 'broken.json'), '[{ "id": ');
    const { cases, problems } = loadVignetteCases(dir);
    expect(cases.map((c) => c.id)).toEqual(['ok-1', 'ok-1']);
    expect(problems.join('\n')).toMatch(/bad\.json case bad-1: expect\.disposition/);
    expect(problems.join('\n')).toMatch(/bad\.json case bad-2: \(case\): give exactly one of age/);
    expect(problems.join('\n')).toMatch(/bad\.json case ok-1: duplicate id/);
    expect(problems.join('\n')).toMatch(/broken\.json: not JSON/);
  });
});
