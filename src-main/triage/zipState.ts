/**
 * US ZIP code -> state, from the first three digits (the USPS sectional center prefix). Pure data and a
 * lookup: no network, no files. The ranges are the public USPS prefix allocation, simplified to whole
 * prefixes; a handful of prefixes that straddle a border (or are unassigned) give null rather than a guess.
 * Codes: the 50 states, DC, territories (PR, VI, GU) and military post offices (AA, AE, AP).
 */
const RANGES: readonly (readonly [from: number, to: number, state: string])[] = [
  [5, 5, 'NY'],
  [6, 7, 'PR'],
  [8, 8, 'VI'],
  [9, 9, 'PR'],
  [10, 27, 'MA'],
  [28, 29, 'RI'],
  [30, 38, 'NH'],
  [39, 49, 'ME'],
  [50, 54, 'VT'],
  [55, 55, 'MA'],
  [56, 59, 'VT'],
  [60, 69, 'CT'],
  [70, 89, 'NJ'],
  [90, 99, 'AE'],
  [100, 149, 'NY'],
  [150, 196, 'PA'],
  [197, 199, 'DE'],
  [200, 200, 'DC'],
  [201, 201, 'VA'],
  [202, 205, 'DC'],
  [206, 219, 'MD'],
  [220, 246, 'VA'],
  [247, 268, 'WV'],
  [270, 289, 'NC'],
  [290, 299, 'SC'],
  [300, 319, 'GA'],
  [320, 339, 'FL'],
  [340, 340, 'AA'],
  [341, 349, 'FL'],
  [350, 369, 'AL'],
  [370, 385, 'TN'],
  [386, 397, 'MS'],
  [398, 399, 'GA'],
  [400, 427, 'KY'],
  [430, 459, 'OH'],
  [460, 479, 'IN'],
  [480, 499, 'MI'],
  [500, 528, 'IA'],
  [530, 549, 'WI'],
  [550, 567, 'MN'],
  [569, 569, 'DC'],
  [570, 577, 'SD'],
  [580, 588, 'ND'],
  [590, 599, 'MT'],
  [600, 629, 'IL'],
  [630, 658, 'MO'],
  [660, 679, 'KS'],
  [680, 693, 'NE'],
  [700, 714, 'LA'],
  [716, 729, 'AR'],
  [730, 732, 'OK'],
  [733, 733, 'TX'],
  [734, 749, 'OK'],
  [750, 799, 'TX'],
  [800, 816, 'CO'],
  [820, 831, 'WY'],
  [832, 838, 'ID'],
  [840, 847, 'UT'],
  [850, 865, 'AZ'],
  [870, 884, 'NM'],
  [885, 885, 'TX'],
  [889, 898, 'NV'],
  [900, 961, 'CA'],
  [962, 966, 'AP'],
  [967, 968, 'HI'],
  [969, 969, 'GU'],
  [970, 979, 'OR'],
  [980, 994, 'WA'],
  [995, 999, 'AK'],
];

export const ZIP_PATTERN = /^\d{5}$/;

export type ZipLookup =
  | { readonly ok: true; readonly zip: string; readonly state: string | null }
  | { readonly ok: false; readonly problem: string };

/** The state of a 5-digit ZIP code (null when its prefix is unassigned), or why the text is not a ZIP code. */
export function stateForZip(zip: string): ZipLookup {
  const trimmed = zip.trim();
  if (!ZIP_PATTERN.test(trimmed)) return { ok: false, problem: `--zip must be 5 digits (e.g. 10001), not ${JSON.stringify(zip)}` };
  const prefix = Number(trimmed.slice(0, 3));
  const range = RANGES.find(([from, to]) => prefix >= from && prefix <= to);
  return { ok: true, zip: trimmed, state: range ? range[2] : null };
}
