import { describe, expect, it } from 'vitest';
import { haversineKm } from './haversine';
import { nationalZipCentroids } from './nationalZipCentroids';
import { centroidForZip } from './zipCentroids';

describe('nationalZipCentroids', () => {
  it('covers the whole country and agrees with our demo table to within a kilometre or so', () => {
    const table = nationalZipCentroids();
    expect(table.size).toBeGreaterThan(30_000);
    expect(nationalZipCentroids()).toBe(table); // built once
    const chelsea = centroidForZip(table, '10001-1234')!;
    expect(chelsea.lat).toBeCloseTo(40.75, 1);
    expect(chelsea.lon).toBeCloseTo(-74.0, 1);
    // Manhattan to Boston's 02115 is about 300 km as the crow flies.
    expect(haversineKm(chelsea, centroidForZip(table, '02115')!)).toBeGreaterThan(280);
    expect(haversineKm(chelsea, centroidForZip(table, '02115')!)).toBeLessThan(320);
    expect(centroidForZip(table, '00000')).toBeNull();
  });
});
