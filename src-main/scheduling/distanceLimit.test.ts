import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_DISTANCE_KM, distanceLimit, distanceLimitLabel, withDistanceLimit } from './distanceLimit';
import { rankSlots } from './engine/rankSlots';
import { MONDAY_9AM_NY, slotRun, testLocation, testPatient, testProvider, testRequest, testWorld } from './engine/testing/worldBuilder';

describe('the distance limit', () => {
  it('defaults to 80 km; the rules file or configuration may change it or set none; the caller may ask for any distance', () => {
    expect(DEFAULT_MAX_DISTANCE_KM).toBe(80);
    expect(distanceLimit({}, {})).toEqual({ km: 80, source: 'default' });
    expect(distanceLimit({}, { maxDistanceKm: 40 })).toEqual({ km: 40, source: 'default' });
    expect(distanceLimit({}, { maxDistanceKm: null })).toEqual({ km: null, source: 'none' });
    expect(distanceLimit({ maxDistanceKm: 25 }, {})).toEqual({ km: 25, source: 'caller' });
    expect(distanceLimit({ anyDistance: true, maxDistanceKm: 25 }, {})).toEqual({ km: null, source: 'any' });
    expect(withDistanceLimit({ anyDistance: true, telehealthOk: true }, {})).toEqual({ telehealthOk: true });
    expect(withDistanceLimit({ anyDistance: false }, {})).toEqual({ maxDistanceKm: 80 });
    expect(distanceLimitLabel({ km: 80, source: 'default' })).toBe('Clinics within 80 km of home (the default; the caller may ask for any distance); video visits are not limited.');
  });

  it('through the engine: a clinic 3,000 km away is not offered by default, is when the caller asks for any distance, and video is never limited', () => {
    const home = { lat: 40.7506, lon: -73.9972 }; // Manhattan 10001
    const world = testWorld({
      providers: [testProvider('near'), testProvider('far', { locationIds: ['loc-far'] })],
      locations: [testLocation('loc-a'), testLocation('loc-far', { name: 'Denver Clinic', centroid: { lat: 39.7392, lon: -104.9903 }, timeZone: 'America/Denver' })],
      slots: [...slotRun('near', 'loc-a', MONDAY_9AM_NY + 5 * 3_600_000, 2), ...slotRun('far', 'loc-far', MONDAY_9AM_NY + 3 * 3_600_000, 2)],
    });
    const rank = (preferences: Parameters<typeof withDistanceLimit>[0]) =>
      rankSlots(world, testRequest({ patient: testPatient({ home }), preferences: withDistanceLimit(preferences, {}) }));
    const providers = (r: ReturnType<typeof rank>) => [...new Set(r.offers.map((o) => o.visits[0]!.providerId))];
    const byDefault = rank({});
    expect(providers(byDefault)).toEqual(['near']);
    expect(byDefault.exclusions.find((e) => e.rule === 'distance')?.message).toMatch(/^Denver Clinic is 2\d{3}\.\d km from home, farther than 80 km$/);
    expect(providers(rank({ anyDistance: true }))).toContain('far');
    // By video the Denver provider is as near as anyone.
    const video = rank({ telehealthOk: true });
    expect(video.offers.some((o) => o.visits[0]!.providerId === 'far' && o.visits[0]!.mode === 'telehealth')).toBe(true);
  });
});
