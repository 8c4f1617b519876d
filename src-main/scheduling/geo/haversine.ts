import type { GeoPoint } from '../model';

/** Mean Earth radius (IUGG), km: the usual constant for great-circle distance. */
const EARTH_RADIUS_KM = 6371.0088;

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Great-circle distance in km. As the crow flies, not by road: good enough to rank clinics by nearness and to
 * apply a caller's "no farther than" (ZIP centroids are themselves approximate by a few km).
 */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
