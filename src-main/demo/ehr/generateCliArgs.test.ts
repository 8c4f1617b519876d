// DEMO ENVIRONMENT (simulation): arguments of the synthetic population generator CLI.
import { describe, expect, it } from 'vitest';
import { parseGenerateArgs } from './generateCliArgs';

describe('parseGenerateArgs', () => {
  it('reads the documented flags, in both --flag value and --flag=value forms', () => {
    expect(parseGenerateArgs(['--patients', '100000', '--seed', '42', '--out', '/tmp/pop.ndjson'])).toEqual({
      ok: true,
      options: { patients: 100000, seed: 42, referenceDate: '2026-11-01', out: '/tmp/pop.ndjson' },
    });
    expect(parseGenerateArgs(['--out=-', '--reference-date=2027-01-04'])).toEqual({
      ok: true,
      options: { patients: 500, seed: 42, referenceDate: '2027-01-04', out: '-' },
    });
  });

  it.each([
    [['--patients', '10'], /--out is required/],
    [['--out', 'x', '--patients', 'ten'], /--patients must be an integer/],
    [['--out', 'x', '--patients', '-3'], /--patients must be an integer/],
    [['--out', 'x', '--seed', '1.5'], /--seed must be an integer/],
    [['--out', 'x', '--reference-date', '2026-02-30'], /--reference-date/],
    [['--out', 'x', '--colour', 'blue'], /Unknown argument "--colour"/],
    [['--out'], /--out needs a value/],
    [['--out', '--patients', '3'], /--out needs a value/],
    [['--out', 'a', '--out', 'b'], /given twice/],
  ])('refuses %j with a message and the usage', (argv, message) => {
    const parsed = parseGenerateArgs(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.help).toBe(false);
      expect(parsed.message).toMatch(message);
      expect(parsed.message).toMatch(/Usage:/);
    }
  });

  it('answers --help with the usage', () => {
    expect(parseGenerateArgs(['--help'])).toMatchObject({ ok: false, help: true });
  });
});
