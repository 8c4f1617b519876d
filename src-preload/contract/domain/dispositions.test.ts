import { describe, expect, it } from 'vitest';
import { atLeastAsUrgent, CARE_LEVEL_IDS, DISPOSITIONS, DISPOSITION_IDS, disposition, isRoute, mostUrgent, ROUTE_IDS } from './dispositions';

describe('DISPOSITIONS', () => {
  it('has one entry per id, in id order; care levels have strictly increasing ranks from 0', () => {
    expect(DISPOSITIONS.map((d) => d.id)).toEqual([...DISPOSITION_IDS]);
    expect(new Set(DISPOSITION_IDS).size).toBe(DISPOSITION_IDS.length);
    const levels = DISPOSITIONS.filter((d) => d.kind === 'care-level');
    expect(levels.map((d) => d.id)).toEqual([...CARE_LEVEL_IDS]);
    levels.forEach((d, i) => {
      expect(d.rank).toBe(i);
      expect(d.sameUrgencyAs).toBe(d.id);
    });
  });

  it('gives every non-clinical route the rank and the wait limit of the care level it is as urgent as', () => {
    expect(ROUTE_IDS).toEqual(['poison-control', 'crisis-line', 'dentist', 'pharmacist']);
    for (const id of ROUTE_IDS) {
      const route = disposition(id);
      expect(route.kind).toBe('route');
      expect(isRoute(id)).toBe(true);
      const level = disposition(route.sameUrgencyAs);
      expect(level.kind).toBe('care-level');
      expect(route.rank).toBe(level.rank);
      expect(route.maxMinutesToCare ?? Infinity).toBeLessThanOrEqual(level.maxMinutesToCare ?? Infinity);
    }
    expect(disposition('poison-control').script).toContain('1-800-222-1222');
    expect(disposition('crisis-line').script).toContain('988');
    for (const id of CARE_LEVEL_IDS) expect(isRoute(id)).toBe(false);
  });

  it('never allows a longer wait for a more urgent level of care', () => {
    const waits = DISPOSITIONS.filter((d) => d.kind === 'care-level').map((d) => d.maxMinutesToCare ?? Number.POSITIVE_INFINITY);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThanOrEqual(waits[i - 1]!);
    expect(disposition('call-911').maxMinutesToCare).toBe(0);
  });

  it('tells every caller who is not sent to 911 to call back if worse', () => {
    for (const d of DISPOSITIONS.filter((x) => x.id !== 'call-911')) expect(d.script).toMatch(/call us back right away\.$/);
  });

  it('looks up by id and refuses an unknown id', () => {
    expect(disposition('home-care').rank).toBe(CARE_LEVEL_IDS.length - 1);
    expect(() => disposition('take-two-aspirin' as never)).toThrow();
  });
});

describe('mostUrgent', () => {
  it('keeps the lower rank, whatever the order', () => {
    expect(mostUrgent('home-care', 'ed-now')).toBe('ed-now');
    expect(mostUrgent('ed-now', 'home-care')).toBe('ed-now');
    expect(mostUrgent('seen-today', 'call-911')).toBe('call-911');
  });

  it('returns the disposition itself when both are the same', () => {
    for (const id of DISPOSITION_IDS) expect(mostUrgent(id, id)).toBe(id);
  });

  it('prefers a level of care over a route of the same urgency, in either order', () => {
    expect(mostUrgent('poison-control', 'ed-or-office-now')).toBe('ed-or-office-now');
    expect(mostUrgent('ed-or-office-now', 'crisis-line')).toBe('ed-or-office-now');
    expect(mostUrgent('dentist', 'seen-today')).toBe('seen-today');
    expect(mostUrgent('crisis-line', 'ed-now')).toBe('ed-now');
  });

  it('atLeastAsUrgent compares urgency across levels and routes', () => {
    expect(atLeastAsUrgent('ed-now', 'crisis-line')).toBe(true);
    expect(atLeastAsUrgent('crisis-line', 'ed-or-office-now')).toBe(true);
    expect(atLeastAsUrgent('pharmacist', 'ed-now')).toBe(false);
    for (const a of DISPOSITION_IDS) for (const b of DISPOSITION_IDS) expect(atLeastAsUrgent(a, b)).toBe(disposition(a).rank <= disposition(b).rank);
  });

  it('agrees with rank for every pair', () => {
    for (const a of DISPOSITION_IDS) {
      for (const b of DISPOSITION_IDS) {
        const winner = mostUrgent(a, b);
        expect(disposition(winner).rank).toBe(Math.min(disposition(a).rank, disposition(b).rank));
      }
    }
  });
});
