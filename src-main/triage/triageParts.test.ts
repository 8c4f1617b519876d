import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Protocol } from '../../src-preload/contract';
import { resolveAnswers } from './answersFile';
import { instantOfSiteLocal, siteLocalText } from './siteLocalTime';
import { parseTriageArgs } from './triageArgs';
import { stateForZip } from './zipState';

const NY = 'America/New_York';

describe('stateForZip', () => {
  it.each([
    ['10001', 'NY'],
    ['02139', 'MA'],
    ['60614', 'IL'],
    ['90210', 'CA'],
    ['73301', 'TX'],
    ['20500', 'DC'],
    ['99501', 'AK'],
    ['00901', 'PR'],
  ])('%s is in %s', (zip, state) => {
    expect(stateForZip(zip)).toEqual({ ok: true, zip, state });
  });

  it('gives null for an unassigned prefix and refuses anything but 5 digits', () => {
    expect(stateForZip('00000')).toEqual({ ok: true, zip: '00000', state: null });
    for (const bad of ['1000', '100011', '1000a', '10001-1234', '']) expect(stateForZip(bad).ok).toBe(false);
  });
});

describe('site-local time', () => {
  it('reads --at in the line\'s time zone, winter and summer', () => {
    expect(instantOfSiteLocal('2026-11-22T22:30', NY)).toEqual({ ok: true, instant: new Date('2026-11-23T03:30:00Z') });
    expect(instantOfSiteLocal('2026-07-01T09:00', NY)).toEqual({ ok: true, instant: new Date('2026-07-01T13:00:00Z') });
    expect(siteLocalText(new Date('2026-07-01T13:00:00Z'), NY)).toBe('2026-07-01T09:00');
  });

  it('refuses a malformed, impossible or skipped time', () => {
    expect(instantOfSiteLocal('22:30', NY)).toMatchObject({ ok: false, problem: expect.stringContaining('like 2026-11-22T22:30') });
    expect(instantOfSiteLocal('2026-02-30T10:00', NY)).toMatchObject({ ok: false, problem: expect.stringContaining('not a real date') });
    expect(instantOfSiteLocal('2026-03-08T02:30', NY)).toMatchObject({ ok: false, problem: expect.stringContaining('daylight-saving') });
  });
});

describe('resolveAnswers', () => {
  const load = (id: string) => Protocol.parse(JSON.parse(readFileSync(resolve(__dirname, `../../resources/protocols/${id}.json`), 'utf8')));
  const redFlags = load('red-flags');
  const fever = load('fever');
  const soreThroat = load('sore-throat');
  // A second screen with the same question ids makes plain ids ambiguous.
  const otherScreen = { ...redFlags, id: 'other-screen' };

  it('resolves full keys and unique plain ids; keeps answers for protocols not chosen aside', () => {
    const r = resolveAnswers({ 'fever/stiff-neck-or-rash': 'no', 'blue-lips': 'yes', 'sore-throat/signs-of-strep': 'yes' }, [redFlags, fever], [redFlags, fever, soreThroat]);
    expect(r.ok && [...r.answers.byKey]).toEqual([
      ['fever/stiff-neck-or-rash', 'no'],
      ['red-flags/blue-lips', 'yes'],
    ]);
    expect(r.ok && r.answers.unused).toEqual(['sore-throat/signs-of-strep']);
  });

  it('names ambiguous, unknown, badly answered and contradictory keys', () => {
    const r = resolveAnswers({ 'blue-lips': 'yes', 'fever/nope': 'no', x: 'yes', 'fever/weak-immune-system': { yes: true } }, [redFlags, otherScreen, fever], [redFlags, fever]);
    expect(r).toEqual({
      ok: false,
      problems: [
        '"blue-lips" is asked by several protocols here (red-flags/blue-lips, other-screen/blue-lips): write "<protocolId>/blue-lips"',
        'unknown question "fever/nope": no installed protocol asks it',
        'unknown question "x": no installed protocol asks it',
        'answer for "fever/weak-immune-system" must be "yes", "no", "unknown", an option id, a list of option ids, a number or text, not {"yes":true}',
      ],
    });
    expect(resolveAnswers({ 'fever/weak-immune-system': 'yes', 'weak-immune-system': 'no' }, [redFlags, fever], [redFlags, fever])).toEqual({
      ok: false,
      problems: ['"fever/weak-immune-system" and "weak-immune-system" give different answers'],
    });
  });
});

describe('parseTriageArgs', () => {
  it('reads every option', () => {
    const r = parseTriageArgs(['--age-months', '5', '--sex', 'female', '--say', 'fever', '--answers', 'a.json', '--at', '2026-11-22T22:30', '--zip', '10001', '--line', 'pediatrics', '--json']);
    expect(r).toEqual({
      ok: true,
      args: { age: { months: 5 }, sex: 'female', say: 'fever', answersPath: 'a.json', at: '2026-11-22T22:30', zip: '10001', lineId: 'pediatrics', json: true },
    });
  });

  it('lists every problem at once', () => {
    expect(parseTriageArgs(['--age', '6x', '--sex', 'f'])).toEqual({
      ok: false,
      help: false,
      problems: ['--age must be a whole number of years, not "6x"', '--sex must be male, female, other or unknown, not "f"', '--say "<what the caller said>" is required'],
    });
    expect(parseTriageArgs(['--age', '6', '--age-months', '5', '--sex', 'male', '--say', 'x'])).toMatchObject({ ok: false, problems: ['give --age or --age-months, not both'] });
    expect(parseTriageArgs(['--bogus'])).toMatchObject({ ok: false, problems: [expect.stringContaining('--bogus')] });
    expect(parseTriageArgs(['--help'])).toEqual({ ok: false, help: true, problems: [] });
  });
});
