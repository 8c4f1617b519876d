import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARE_LEVEL_IDS } from '../../../src-preload/contract/domain/dispositions';
import { loadSchedulingRules, NEVER_SCHEDULED } from './loadSchedulingRules';

const demoText = readFileSync(resolve(__dirname, '../../../resources/scheduling/demo-rules.json'), 'utf8');
const demo = JSON.parse(demoText) as Record<string, unknown>;

/** The demo file with one change made by `edit` on a deep copy (free-form: the point is to write wrong files). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits arbitrary JSON, including shapes the types forbid
function edited(edit: (rules: any) => void): string {
  const copy = structuredClone(demo);
  edit(copy);
  return JSON.stringify(copy);
}

function errorsOf(text: string, known = {}): readonly string[] {
  const load = loadSchedulingRules(text, 'rules.json', known);
  return load.ok ? [] : load.errors;
}

describe('loadSchedulingRules', () => {
  it('loads the demo rules with no warnings, comments dropped and local dates kept local (read in each clinic\'s zone)', () => {
    const load = loadSchedulingRules(demoText, 'demo-rules.json', {
      providerIds: Array.from({ length: 12 }, (_, i) => `role-${String(i + 1).padStart(4, '0')}`),
      locationIds: ['loc-ny', 'loc-bos', 'loc-chi', 'loc-sf'],
    });
    if (!load.ok) throw new Error(load.errors.join('\n'));
    expect(load.warnings).toEqual([]);
    expect(load.rules.providers['role-0001']).not.toHaveProperty('$comment');
    expect(load.rules.providers['role-0004']!.blocked![0]).toEqual({ localStart: '2026-12-09T13:00', localEnd: '2026-12-09T17:00', reason: 'Team training' });
    // A date-only end is the last day closed: the period ends at the start of the next local day.
    expect(load.rules.locations['loc-ny']!.closures![0]).toEqual({ localStart: '2026-12-24T00:00', localEnd: '2026-12-26T00:00', reason: 'Holiday' });
  });

  it('the demo maps every care-level disposition, and never books 911 or ED-now', () => {
    const load = loadSchedulingRules(demoText, 'demo-rules.json');
    if (!load.ok) throw new Error(load.errors.join('\n'));
    for (const id of CARE_LEVEL_IDS) {
      const visitTypes = load.rules.dispositionVisitTypes[id];
      expect(visitTypes, id).toBeDefined();
      expect(visitTypes!.length === 0, id).toBe(NEVER_SCHEDULED.includes(id));
    }
  });

  it('refuses malformed JSON, YAML and schema errors with the file and the place', () => {
    expect(errorsOf('{ "version": ')[0]).toMatch(/^rules\.json: not valid JSON: /);
    expect(loadSchedulingRules('version: 1', 'rules.yaml')).toEqual({ ok: false, errors: ['rules.yaml: YAML is not supported; convert the rules to JSON'], warnings: [] });
    const negative = errorsOf(edited((r) => (r.providers['role-0001'].limits[0].max = -1)));
    expect(negative).toHaveLength(1);
    expect(negative[0]).toMatch(/^rules\.json: providers\["role-0001"\]\.limits\[0\]\.max: .*cannot be below 0/);
    expect(errorsOf(edited((r) => (r.locations['loc-ny'].hours[0].open = '8am')))[0]).toMatch(/locations\["loc-ny"\]\.hours\[0\]\.open: .*HH:MM/);
    expect(errorsOf(edited((r) => (r.dispositionVisitTypes['see-a-wizard'] = ['sick-visit'])))[0]).toMatch(/dispositionVisitTypes/);
  });

  it('a disposition naming an unknown visit type, or 911 given a visit type, is refused', () => {
    expect(errorsOf(edited((r) => r.dispositionVisitTypes['seen-today'].push('sick-vist')))).toEqual([
      expect.stringMatching(/^rules\.json: dispositionVisitTypes\["seen-today"\]\[3\]: unknown visit type "sick-vist" \(known: sick-visit, urgent-visit/),
    ]);
    expect(errorsOf(edited((r) => (r.dispositionVisitTypes['call-911'] = ['urgent-visit'])))[0]).toMatch(/"call-911" is never scheduled/);
  });

  it('cross-checks steps, ages, limits, hours, periods and ids', () => {
    expect(errorsOf(edited((r) => (r.visitTypes[6].steps[1].minGapMinutes = 20000)))[0]).toMatch(/visitTypes\[6\]\.steps\[1\]: minGapMinutes \(20000\) is more than maxGapMinutes \(14400\)/);
    expect(errorsOf(edited((r) => r.visitTypes.push(r.visitTypes[0])))[0]).toMatch(/visitTypes\[8\]\.id: visit type "sick-visit" is defined twice \(also visitTypes\[0\]\)/);
    expect(errorsOf(edited((r) => (r.providers['role-0002'].ageRange = { minYears: 18, maxYears: 18 })))[0]).toMatch(/providers\["role-0002"\]\.ageRange: minYears \(18\) must be below maxYears/);
    expect(errorsOf(edited((r) => (r.providers['role-0001'].preferredVisitTypeIds = ['nope'])))[0]).toMatch(/preferredVisitTypeIds: unknown visit type "nope"/);
    expect(errorsOf(edited((r) => r.providers['role-0001'].limits.push({ ...r.providers['role-0001'].limits[0] })))[0]).toMatch(/limits\[1\]\.id: limit "fri-am-new" appears twice/);
    expect(errorsOf(edited((r) => (r.providers['role-0001'].acceptedPlans = [])))[0]).toMatch(/an empty list accepts no one/);
    expect(errorsOf(edited((r) => (r.locations['loc-bos'].hours[0].close = '07:00')))[0]).toMatch(/loc-bos"\]\.hours\[0\]: closes \(07:00\) before it opens \(08:00\)/);
    expect(errorsOf(edited((r) => r.locations['loc-bos'].hours.push({ days: ['fri', 'sat'], open: '16:00', close: '20:00' })))[0]).toMatch(/hours\[1\]: overlaps hours\[0\] on Friday/);
    expect(errorsOf(edited((r) => (r.locations['loc-bos'].closures[0].end = '2026-12-23')))[0]).toMatch(/closures\[0\]: ends before it starts \("Holiday"\)/);
    expect(errorsOf(edited((r) => (r.locations['loc-bos'].closures[0].end = '2026-12-26T00:00:00-05:00')))[0]).toMatch(/closures\[0\]: write start and end the same way/);
    expect(errorsOf(edited((r) => (r.locations['loc-bos'].closures[0].end = '2026-02-30')))[0]).toMatch(/closures\[0\]: not a real date/);
    expect(errorsOf(edited((r) => (r.locations['loc-bos'].closures[0].end = 'Dec 25')))[0]).toMatch(/closures\[0\]\.end: a local date \("2026-12-24"\)/);
    expect(errorsOf(edited((r) => (r.locations['loc-bos'].resources[0].id = 'loc-ny-proc-1')))[0]).toMatch(/resource "loc-ny-proc-1" is also defined at loc-ny/);
    expect(errorsOf(edited((r) => r.visitTypes[5].steps[0].requiredResources = [{ kind: 'room', tag: 'x-ray' }]))[0]).toMatch(/a video-only visit cannot need a room/);
    expect(errorsOf(demoText, { providerIds: ['role-0001'] })[0]).toMatch(/providers\["role-0002"\]: unknown provider "role-0002"/);
    expect(errorsOf(demoText, { locationIds: ['loc-ny'] }).some((e) => /unknown location "loc-chi"/.test(e))).toBe(true);
  });

  it('warns (without refusing) about what cannot be booked', () => {
    const load = loadSchedulingRules(
      edited((r) => {
        r.visitTypes[7].steps[0].requiredResources = [{ kind: 'equipment', tag: 'laser' }];
        r.visitTypes[0].steps[0].minGapMinutes = 5;
        r.dispositionVisitTypes['home-care'] = [];
      }),
      'rules.json',
    );
    expect(load.ok).toBe(true);
    expect(load.warnings).toEqual([
      'rules.json: visitTypes[0].steps[0]: a gap on the first step is ignored (gaps are measured from the previous step)',
      'rules.json: visitTypes[7].steps[0].requiredResources: no location lists a resource tagged "laser": this step can never be booked',
      'rules.json: dispositionVisitTypes["home-care"]: no visit types: this disposition cannot be booked',
    ]);
  });
});
