import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** "(555) 555-0123" for North American numbers, "+44 20 7946 0958" for others, the raw text when unparseable. */
export function formatPhone(e164: string | null, raw = ''): string {
  const source = e164 ?? raw;
  if (!source) return 'Unknown number';
  const parsed = parsePhoneNumberFromString(source);
  if (!parsed) return source;
  return parsed.countryCallingCode === '1' ? parsed.formatNational() : parsed.formatInternational();
}

/** YYYY-MM-DD (a FHIR date, no time zone) to MM/DD/YYYY without passing through Date, which would shift it. */
export function formatIsoDate(iso: string | null): string {
  if (!iso) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[2]}/${match[3]}/${match[1]}` : iso;
}

/** A date or date-time string as a short local date ("Mar 4, 2025"). */
export function formatDate(value: string | null): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatIsoDate(value);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' });
}

/** 75_000 → "01:15", 3_725_000 → "1:02:05". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}
