import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayAfter, localInstant, localText, periodIn, wallOf } from './localPeriod';
import { wallText } from './testing/hardRuleOracle';
import { TIME_ZONES_WORLDWIDE } from './testing/randomWorld';

const H = 3_600_000;

describe('local dates in a clinic zone', () => {
  it('reads a local day in the clinic zone, not in UTC', () => {
    const wall = wallOf('2026-12-10')!;
    expect(localInstant(wall, 'America/Denver', 'start')).toBe(Date.UTC(2026, 11, 10, 7));
    expect(localInstant(wall, 'Pacific/Honolulu', 'start')).toBe(Date.UTC(2026, 11, 10, 10));
    // UTC+14: local midnight is 10:00 UTC the day before.
    expect(localInstant(wall, 'Pacific/Kiritimati', 'start')).toBe(Date.UTC(2026, 11, 9, 10));
    expect(localInstant(wall, 'Asia/Kathmandu', 'start')).toBe(Date.UTC(2026, 11, 9, 18, 15));
  });

  it('a skipped local time is the instant the clock jumps; a repeated one starts at its first and ends at its second', () => {
    // New York, Sun Mar 8 2026: 02:00 EST -> 03:00 EDT at 07:00 UTC. 02:30 never happens.
    expect(localInstant(wallOf('2026-03-08T02:30')!, 'America/New_York', 'start')).toBe(Date.UTC(2026, 2, 8, 7));
    expect(localInstant(wallOf('2026-03-08T02:30')!, 'America/New_York', 'end')).toBe(Date.UTC(2026, 2, 8, 7));
    // Havana, Sun Mar 8 2026: midnight itself is skipped (00:00 CST -> 01:00 CDT at 05:00 UTC).
    expect(localInstant(wallOf('2026-03-08')!, 'America/Havana', 'start')).toBe(Date.UTC(2026, 2, 8, 5));
    // New York, Sun Nov 1 2026: 01:30 happens at 05:30 UTC (EDT) and again at 06:30 UTC (EST).
    expect(localInstant(wallOf('2026-11-01T01:30')!, 'America/New_York', 'start')).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(localInstant(wallOf('2026-11-01T01:30')!, 'America/New_York', 'end')).toBe(Date.UTC(2026, 10, 1, 6, 30));
  });

  it('refuses impossible dates and turns a last day into the next local midnight', () => {
    expect(wallOf('2026-02-30')).toBeNull();
    expect(wallOf('2026-12-10T25:00')).toBeNull();
    expect(wallOf('2026-12-31T24:00')).toBe(Date.UTC(2027, 0, 1));
    expect(dayAfter('2026-12-31')).toBe('2027-01-01T00:00');
    expect(localText(Date.UTC(2026, 11, 9, 13))).toBe('2026-12-09T13:00');
  });

  it('a local period holds exactly the instants whose clinic wall clock reads inside it, in any zone and across clock changes', () => {
    const zones = fc.constantFrom(...TIME_ZONES_WORLDWIDE);
    // Any quarter hour of 2026, any length up to three days.
    const starts = fc.integer({ min: 0, max: 365 * 96 }).map((q) => Date.UTC(2026, 0, 1) + q * 15 * 60_000);
    fc.assert(
      fc.property(zones, starts, fc.integer({ min: 1, max: 3 * 96 }), fc.integer({ min: -40, max: 40 }), (zone, wallStart, quarters, probeHours) => {
        const period = { localStart: localText(wallStart), localEnd: localText(wallStart + quarters * 15 * 60_000), reason: 'Out' };
        const p = periodIn(period, zone);
        expect(p.end).toBeGreaterThanOrEqual(p.start);
        // Tight at the edges: the first instant reads at or after the local start, the end reads at or after the local end.
        expect(wallText(p.start, zone) >= period.localStart).toBe(true);
        expect(wallText(p.end, zone) >= period.localEnd).toBe(true);
        // Probe instants around the period (whole and odd minutes): inside the instants iff the wall clock reads inside.
        for (const probe of [p.start - 1, p.start, p.end - 1, p.end, p.start + probeHours * H + 7 * 60_000]) {
          const local = wallText(probe, zone);
          const readsInside = local >= period.localStart && local < period.localEnd;
          if (readsInside) expect(probe >= p.start && probe < p.end, `${zone} ${local} in ${period.localStart}..${period.localEnd}`).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
