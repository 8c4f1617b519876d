import { describe, expect, it } from 'vitest';
import { haversineKm } from './haversine';

describe('haversineKm', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { lat: 40.7506, lon: -73.9972 };
    const b = { lat: 41.8781, lon: -87.6298 };
    expect(haversineKm(a, a)).toBe(0);
    expect(haversineKm(a, b)).toBeCloseTo(haversineKm(b, a), 9);
  });

  it('matches known great-circle distances within 0.5%', () => {
    // New York (Penn Station) to Chicago (Loop): about 1,147 km; one degree of latitude: about 111.2 km.
    expect(haversineKm({ lat: 40.7506, lon: -73.9972 }, { lat: 41.8781, lon: -87.6298 })).toBeGreaterThan(1141);
    expect(haversineKm({ lat: 40.7506, lon: -73.9972 }, { lat: 41.8781, lon: -87.6298 })).toBeLessThan(1153);
    expect(haversineKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(111.19, 1);
  });

  it('crosses the antimeridian the short way', () => {
    expect(haversineKm({ lat: 0, lon: 179.5 }, { lat: 0, lon: -179.5 })).toBeCloseTo(111.19, 1);
  });
});
