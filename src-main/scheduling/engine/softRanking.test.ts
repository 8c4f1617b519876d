import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxScoreBeforeWait, scoreVisit, type RankingContext, type ScoreTerm } from './softRanking';
import { HOUR, MONDAY_9AM_NY, TEST_WEIGHTS, testLocation, testPatient, testProvider, testRequest, testVisitType } from './testing/worldBuilder';

function context(overrides: Partial<RankingContext> = {}): RankingContext {
  const request = testRequest({ patient: testPatient({ pcpProviderIds: ['p1'], seenProviderIds: ['p1'], language: 'es' }), preferences: { dayParts: ['morning'], telehealthOk: true } });
  return { request, visitType: testVisitType('sick'), weights: TEST_WEIGHTS, language: 'es', waitFrom: MONDAY_9AM_NY, newPatientShares: new Map([['p2', 1]]), ...overrides };
}

describe('scoreVisit', () => {
  it('is the sum of its explained terms', () => {
    const terms: ScoreTerm[] = [];
    const provider = testProvider('p1', { languages: ['en', 'es'], preferredVisitTypeIds: ['sick'] });
    const score = scoreVisit(context(), { provider, location: testLocation('loc-a'), start: MONDAY_9AM_NY + 2 * HOUR, mode: 'telehealth', distanceKm: 3 }, terms);
    expect(terms.map((t) => [t.key, Math.round(t.points * 1e6) / 1e6])).toEqual([
      ['pcp', 50],
      ['language', 15],
      ['day-part', 8],
      ['preferred-visit-type', 4],
      ['telehealth', 6],
      ['wait', -0.4],
      ['distance', -0.9],
    ]);
    expect(score).toBeCloseTo(terms.reduce((sum, t) => sum + t.points, 0), 9);
    expect(terms.find((t) => t.key === 'pcp')!.reason).toBe('Your primary care provider');
  });

  it('round robin counts only for a patient new to the provider', () => {
    const terms: ScoreTerm[] = [];
    scoreVisit(context(), { provider: testProvider('p2'), location: testLocation('loc-a'), start: MONDAY_9AM_NY, mode: 'in-person', distanceKm: null }, terms);
    expect(terms.find((t) => t.key === 'round-robin')).toEqual({ key: 'round-robin', points: 5, reason: 'Shares new patients fairly across the team' });
  });

  it('maxScoreBeforeWait bounds every score, minus the wait (what lets the search stop early)', () => {
    fc.assert(
      fc.property(
        fc.record({
          pcp: fc.boolean(),
          seen: fc.boolean(),
          asked: fc.boolean(),
          es: fc.boolean(),
          preferred: fc.boolean(),
          share: fc.double({ min: 0, max: 1, noNaN: true }),
          hours: fc.integer({ min: 0, max: 24 * 90 }),
          minute: fc.integer({ min: 0, max: 59 }),
          video: fc.boolean(),
          km: fc.option(fc.double({ min: 0, max: 500, noNaN: true })),
          dayParts: fc.subarray(['morning', 'afternoon', 'evening'] as const),
          telehealthOk: fc.option(fc.boolean(), { nil: undefined }),
        }),
        (c) => {
          const provider = testProvider('px', { languages: c.es ? ['en', 'es'] : ['en'], preferredVisitTypeIds: c.preferred ? ['sick'] : [] });
          const request = testRequest({
            patient: testPatient({ pcpProviderIds: c.pcp ? ['px'] : [], seenProviderIds: c.seen ? ['px'] : [], language: 'es' }),
            preferences: { dayParts: c.dayParts, ...(c.asked ? { providerId: 'px' } : {}), ...(c.telehealthOk === undefined ? {} : { telehealthOk: c.telehealthOk }) },
          });
          const ctx = context({ request, newPatientShares: new Map([['px', c.share]]) });
          const start = MONDAY_9AM_NY + c.hours * HOUR + c.minute * 60_000;
          const score = scoreVisit(ctx, { provider, location: testLocation('loc-a'), start, mode: c.video ? 'telehealth' : 'in-person', distanceKm: c.km });
          const bound = maxScoreBeforeWait(ctx, provider) - TEST_WEIGHTS.perHourWait * ((start - ctx.waitFrom) / HOUR);
          expect(score).toBeLessThanOrEqual(bound + 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });
});
