import { describe, expect, it } from 'vitest';
import { DISPOSITIONS, DISPOSITION_IDS, disposition, mostUrgent } from './dispositions';

describe('DISPOSITIONS', () => {
  it('has one entry per id, in id order, with strictly increasing ranks from 0', () => {
    expect(DISPOSITIONS.map((d) => d.id)).toEqual([...DISPOSITION_IDS]);
    expect(new Set(DISPOSITION_IDS).size).toBe(DISPOSITION_IDS.length);
    DISPOSITIONS.forEach((d, i) => {
      expect(d.rank).toBe(i);
      if (i > 0) expect(d.rank).toBeGreaterThan(DISPOSITIONS[i - 1]!.rank);
    });
  });

  it('never allows a longer wait for a more urgent disposition', () => {
    const waits = DISPOSITIONS.map((d) => d.maxMinutesToCare ?? Number.POSITIVE_INFINITY);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThanOrEqual(waits[i - 1]!);
    expect(disposition('call-911').maxMinutesToCare).toBe(0);
  });

  it('tells every caller who is not sent to 911 to call back if worse', () => {
    for (const d of DISPOSITIONS.filter((x) => x.id !== 'call-911')) expect(d.script).toMatch(/call us back right away\.$/);
  });

  it('looks up by id and refuses an unknown id', () => {
    expect(disposition('home-care').rank).toBe(DISPOSITION_IDS.length - 1);
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

  it('agrees with rank for every pair', () => {
    for (const a of DISPOSITION_IDS) {
      for (const b of DISPOSITION_IDS) {
        const winner = mostUrgent(a, b);
        expect(disposition(winner).rank).toBe(Math.min(disposition(a).rank, disposition(b).rank));
      }
    }
  });
});
