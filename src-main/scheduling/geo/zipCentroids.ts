import type { GeoPoint } from '../model';

/**
 * Offline ZIP code centroids: distance from a caller's home to a clinic without sending the address anywhere.
 * Two formats are read: our small JSON table (resources/scheduling/zip-centroids.json) and the US Census Bureau
 * ZCTA Gazetteer file (public domain; tab-separated with a header naming GEOID, INTPTLAT and INTPTLONG), so a
 * site can import the full national table (about 33,000 ZCTAs) instead of the demo's handful.
 */
export type ZipCentroids = ReadonlyMap<string, GeoPoint>;

export type ZipCentroidsLoad =
  | { readonly ok: true; readonly centroids: ZipCentroids; readonly skipped: readonly string[] }
  | { readonly ok: false; readonly errors: readonly string[] };

const ZIP = /^\d{5}$/;
/** Lines reported one by one before the rest are only counted. */
const MAX_REPORTED = 20;

/** A US ZIP as written by people ("10001-1234", " 2115") to the 5-digit form the table is keyed by; null if not one. */
export function normalizeZip(postalCode: string | null | undefined): string | null {
  if (!postalCode) return null;
  const digits = postalCode.trim().split('-')[0]!;
  if (!/^\d{3,5}$/.test(digits)) return null;
  return digits.padStart(5, '0');
}

export function centroidForZip(table: ZipCentroids, postalCode: string | null | undefined): GeoPoint | null {
  const zip = normalizeZip(postalCode);
  return zip ? (table.get(zip) ?? null) : null;
}

function validPoint(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

/** Reads either format, told apart by the first non-blank character (`{` is our JSON). */
export function parseZipCentroids(text: string, sourceName: string): ZipCentroidsLoad {
  return text.trimStart().startsWith('{') ? parseJsonTable(text, sourceName) : parseGazetteer(text, sourceName);
}

function parseJsonTable(text: string, sourceName: string): ZipCentroidsLoad {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`${sourceName}: not valid JSON: ${(e as Error).message}`] };
  }
  const table = (input as { centroids?: unknown } | null)?.centroids;
  if (typeof table !== 'object' || table === null || Array.isArray(table)) return { ok: false, errors: [`${sourceName}: centroids: expected an object of "ZIP": [lat, lon]`] };
  const centroids = new Map<string, GeoPoint>();
  const skipped: string[] = [];
  for (const [zip, value] of Object.entries(table as Record<string, unknown>)) {
    const ok = ZIP.test(zip) && Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number' && validPoint(value[0], value[1]);
    if (ok) centroids.set(zip, { lat: value[0] as number, lon: value[1] as number });
    else skipped.push(`${sourceName}: centroids["${zip.slice(0, 12)}"]: expected a 5-digit ZIP and [lat, lon] in range`);
  }
  return { ok: true, centroids, skipped: capped(skipped) };
}

function parseGazetteer(text: string, sourceName: string): ZipCentroidsLoad {
  const lines = text.split(/\r?\n/);
  const header = lines[0]!.split('\t').map((h) => h.trim().toUpperCase());
  const geoid = header.indexOf('GEOID');
  const lat = header.indexOf('INTPTLAT');
  const lon = header.indexOf('INTPTLONG');
  if (geoid < 0 || lat < 0 || lon < 0) {
    return { ok: false, errors: [`${sourceName}: line 1: expected a tab-separated Census Gazetteer header with GEOID, INTPTLAT and INTPTLONG`] };
  }
  const centroids = new Map<string, GeoPoint>();
  const skipped: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    const zip = (cells[geoid] ?? '').trim();
    const point = { lat: Number((cells[lat] ?? '').trim()), lon: Number((cells[lon] ?? '').trim()) };
    if (ZIP.test(zip) && (cells[lat] ?? '').trim() !== '' && (cells[lon] ?? '').trim() !== '' && validPoint(point.lat, point.lon)) centroids.set(zip, point);
    else skipped.push(`${sourceName}: line ${i + 1}: expected a 5-digit GEOID and a latitude/longitude in range`);
  }
  if (centroids.size === 0) return { ok: false, errors: [`${sourceName}: no usable rows`, ...capped(skipped)] };
  return { ok: true, centroids, skipped: capped(skipped) };
}

function capped(lines: string[]): string[] {
  return lines.length <= MAX_REPORTED ? lines : [...lines.slice(0, MAX_REPORTED), `… and ${lines.length - MAX_REPORTED} more`];
}
