/**
 * Date-of-birth entry as agents type it (MM/DD/YYYY, slashes optional) and the check against the chart's
 * FHIR date (YYYY-MM-DD). Pure string work: no Date objects, so no time zone can shift a birthday.
 */

/** Typing helper: keeps digits and inserts the slashes, "0412198" → "04/12/198". */
export function formatDobTyping(text: string): string {
  const digits = text.replace(/\D/g, '').slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
}

/** "04/12/1985" or "04121985" → "1985-04-12"; null unless it is a real calendar date. */
export function parseDob(text: string): string | null {
  const match = /^(\d{2})\/?(\d{2})\/?(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [, mm, dd, yyyy] = match as unknown as [string, string, string, string];
  const month = Number(mm);
  const day = Number(dd);
  const year = Number(yyyy);
  if (year < 1880 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${yyyy}-${mm}-${dd}`;
}

/** "1985-04-12" → "04/12/1985" (for prefilling the field after a search). */
export function isoToDobInput(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${match[2]}/${match[3]}/${match[1]}` : '';
}

export type DobCheck = 'incomplete' | 'invalid' | 'mismatch' | 'match';

/** Whether the date the caller stated matches the chart. A chart without a birth date can never match. */
export function checkDob(typed: string, chartBirthDate: string | null): DobCheck {
  if (typed.replace(/\D/g, '').length < 8) return 'incomplete';
  const iso = parseDob(typed);
  if (iso === null) return 'invalid';
  return chartBirthDate !== null && iso === chartBirthDate ? 'match' : 'mismatch';
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
