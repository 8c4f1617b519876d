import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haversineKm } from './haversine';
import { centroidForZip, normalizeZip, parseZipCentroids } from './zipCentroids';

const shipped = readFileSync(resolve(__dirname, '../../../resources/scheduling/zip-centroids.json'), 'utf8');
const demoGeography = readFileSync(resolve(__dirname, '../../demo/ehr/demoGeography.ts'), 'utf8');

describe('ZIP centroids', () => {
  it('the shipped table covers every ZIP the demo network uses, each near its clinic city', () => {
    const load = parseZipCentroids(shipped, 'zip-centroids.json');
    if (!load.ok) throw new Error(load.errors.join('\n'));
    expect(load.skipped).toEqual([]);
    const demoZips = [...new Set([...demoGeography.matchAll(/postalCode: '(\d{5})'/g)].map((m) => m[1]!))];
    expect(demoZips.length).toBeGreaterThan(20);
    for (const zip of demoZips) expect(load.centroids.has(zip), zip).toBe(true);
    // Sanity: Brooklyn is a few km from Chelsea, Oakland about 13 km from the Mission.
    expect(haversineKm(load.centroids.get('10001')!, load.centroids.get('11201')!)).toBeLessThan(10);
    expect(haversineKm(load.centroids.get('94110')!, load.centroids.get('94612')!)).toBeGreaterThan(8);
    expect(haversineKm(load.centroids.get('94110')!, load.centroids.get('94612')!)).toBeLessThan(20);
  });

  it('reads the Census Gazetteer format and reports bad rows by line', () => {
    const gazetteer = [
      'GEOID\tALAND\tAWATER\tALAND_SQMI\tAWATER_SQMI\tINTPTLAT\tINTPTLONG                                                                                                               ',
      '00601\t166847909\t799292\t64.42\t0.309\t18.180555\t-66.749961',
      '10001\t1643112\t0\t0.634\t0\t40.750633\t-73.997177',
      'ABCDE\t1\t0\t0\t0\t40\t-73',
      '10002\t1\t0\t0\t0\t95\t-73',
      '',
    ].join('\r\n');
    const load = parseZipCentroids(gazetteer, 'gaz.txt');
    if (!load.ok) throw new Error(load.errors.join('\n'));
    expect(load.centroids.get('10001')).toEqual({ lat: 40.750633, lon: -73.997177 });
    expect(load.centroids.size).toBe(2);
    expect(load.skipped).toEqual([
      'gaz.txt: line 4: expected a 5-digit GEOID and a latitude/longitude in range',
      'gaz.txt: line 5: expected a 5-digit GEOID and a latitude/longitude in range',
    ]);
  });

  it('refuses files that are neither format', () => {
    expect(parseZipCentroids('zip,lat,lon\n10001,40,-73', 'x.csv')).toEqual({ ok: false, errors: ['x.csv: line 1: expected a tab-separated Census Gazetteer header with GEOID, INTPTLAT and INTPTLONG'] });
    expect(parseZipCentroids('{"centroids": 3}', 'x.json').ok).toBe(false);
    expect(parseZipCentroids('{ nope', 'x.json').ok).toBe(false);
  });

  it('normalizes ZIPs as people write them', () => {
    expect(normalizeZip('10001-1234')).toBe('10001');
    expect(normalizeZip(' 2115')).toBe('02115');
    expect(normalizeZip('SW1A 1AA')).toBeNull();
    expect(normalizeZip(null)).toBeNull();
    const table = new Map([['02115', { lat: 42.3, lon: -71.1 }]]);
    expect(centroidForZip(table, '2115')).toEqual({ lat: 42.3, lon: -71.1 });
    expect(centroidForZip(table, '99999')).toBeNull();
  });
});
