/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR. Part of the synthetic population generator.
 *
 * Where the synthetic clinic network and its patients live. ZIP codes, cities, states, area codes and time
 * zones are real and consistent with each other, because protocol branches depend on them (state licensure,
 * office hours in the clinic's time zone, an area code that matches the caller's state). Street addresses
 * and the clinics themselves are invented; every phone number uses the 555 exchange (see PhoneAllocator).
 */
import type { NameGroup } from './syntheticNames';

export interface Zip {
  readonly postalCode: string;
  readonly city: string;
  readonly state: string;
  /** Area codes that serve this ZIP (landlines and mobiles alike), most common first. */
  readonly areaCodes: readonly number[];
  /** Relative share of the clinic's patients living here. */
  readonly weight: number;
}

export interface ClinicSite {
  /** Stable key, used in resource ids (`loc-ny`). */
  readonly key: string;
  readonly name: string;
  readonly line: string;
  readonly zip: Zip;
  readonly timeZone: string;
  /** Standard-time UTC offset in hours (US rules add one hour in daylight time). */
  readonly standardOffsetHours: number;
  /** ZIPs the clinic's patients live in, the clinic's own first. */
  readonly catchment: readonly Zip[];
  readonly nameGroups: readonly { readonly value: NameGroup; readonly weight: number }[];
}

const manhattan = [212, 646, 332, 917];
const outerBoroughs = [718, 347, 929];
const boston = [617, 857];
const chicago = [312, 773, 872];
const sanFrancisco = [415, 628];

export const CLINIC_SITES: readonly ClinicSite[] = [
  {
    key: 'ny',
    name: 'Careline Demo Health – Chelsea Clinic',
    line: '401 Elm St, Suite 200',
    zip: { postalCode: '10001', city: 'New York', state: 'NY', areaCodes: manhattan, weight: 4 },
    timeZone: 'America/New_York',
    standardOffsetHours: -5,
    catchment: [
      { postalCode: '10001', city: 'New York', state: 'NY', areaCodes: manhattan, weight: 4 },
      { postalCode: '10011', city: 'New York', state: 'NY', areaCodes: manhattan, weight: 3 },
      { postalCode: '10025', city: 'New York', state: 'NY', areaCodes: manhattan, weight: 2 },
      { postalCode: '11201', city: 'Brooklyn', state: 'NY', areaCodes: outerBoroughs, weight: 2 },
      { postalCode: '11215', city: 'Brooklyn', state: 'NY', areaCodes: outerBoroughs, weight: 2 },
      { postalCode: '10453', city: 'Bronx', state: 'NY', areaCodes: outerBoroughs, weight: 2 },
      { postalCode: '11372', city: 'Jackson Heights', state: 'NY', areaCodes: outerBoroughs, weight: 2 },
      // Across the river: a patient whose state differs from the clinic's (licensure branches need one).
      { postalCode: '07030', city: 'Hoboken', state: 'NJ', areaCodes: [201, 551], weight: 1 },
    ],
    nameGroups: [
      { value: 'general', weight: 45 },
      { value: 'hispanic', weight: 30 },
      { value: 'chinese', weight: 8 },
      { value: 'southAsian', weight: 6 },
      { value: 'korean', weight: 3 },
      { value: 'vietnamese', weight: 3 },
      { value: 'arab', weight: 3 },
      { value: 'filipino', weight: 2 },
    ],
  },
  {
    key: 'bos',
    name: 'Careline Demo Health – Boston Clinic',
    line: '85 Chestnut St',
    zip: { postalCode: '02115', city: 'Boston', state: 'MA', areaCodes: boston, weight: 4 },
    timeZone: 'America/New_York',
    standardOffsetHours: -5,
    catchment: [
      { postalCode: '02115', city: 'Boston', state: 'MA', areaCodes: boston, weight: 4 },
      { postalCode: '02116', city: 'Boston', state: 'MA', areaCodes: boston, weight: 2 },
      { postalCode: '02118', city: 'Boston', state: 'MA', areaCodes: boston, weight: 2 },
      { postalCode: '02139', city: 'Cambridge', state: 'MA', areaCodes: boston, weight: 2 },
      { postalCode: '02143', city: 'Somerville', state: 'MA', areaCodes: boston, weight: 2 },
      { postalCode: '02446', city: 'Brookline', state: 'MA', areaCodes: boston, weight: 1 },
    ],
    nameGroups: [
      { value: 'general', weight: 60 },
      { value: 'hispanic', weight: 18 },
      { value: 'chinese', weight: 8 },
      { value: 'vietnamese', weight: 7 },
      { value: 'southAsian', weight: 4 },
      { value: 'arab', weight: 3 },
    ],
  },
  {
    key: 'chi',
    name: 'Careline Demo Health – Lincoln Park Clinic',
    line: '2200 Walnut St',
    zip: { postalCode: '60614', city: 'Chicago', state: 'IL', areaCodes: chicago, weight: 4 },
    timeZone: 'America/Chicago',
    standardOffsetHours: -6,
    catchment: [
      { postalCode: '60614', city: 'Chicago', state: 'IL', areaCodes: chicago, weight: 4 },
      { postalCode: '60657', city: 'Chicago', state: 'IL', areaCodes: chicago, weight: 3 },
      { postalCode: '60647', city: 'Chicago', state: 'IL', areaCodes: chicago, weight: 3 },
      { postalCode: '60622', city: 'Chicago', state: 'IL', areaCodes: chicago, weight: 2 },
      { postalCode: '60201', city: 'Evanston', state: 'IL', areaCodes: [847, 224], weight: 1 },
    ],
    nameGroups: [
      { value: 'general', weight: 55 },
      { value: 'hispanic', weight: 28 },
      { value: 'southAsian', weight: 6 },
      { value: 'korean', weight: 4 },
      { value: 'filipino', weight: 4 },
      { value: 'arab', weight: 3 },
    ],
  },
  {
    key: 'sf',
    name: 'Careline Demo Health – Mission Clinic',
    line: '3100 Mill St',
    zip: { postalCode: '94110', city: 'San Francisco', state: 'CA', areaCodes: sanFrancisco, weight: 4 },
    timeZone: 'America/Los_Angeles',
    standardOffsetHours: -8,
    catchment: [
      { postalCode: '94110', city: 'San Francisco', state: 'CA', areaCodes: sanFrancisco, weight: 4 },
      { postalCode: '94112', city: 'San Francisco', state: 'CA', areaCodes: sanFrancisco, weight: 3 },
      { postalCode: '94122', city: 'San Francisco', state: 'CA', areaCodes: sanFrancisco, weight: 2 },
      { postalCode: '94612', city: 'Oakland', state: 'CA', areaCodes: [510, 341], weight: 2 },
      { postalCode: '94014', city: 'Daly City', state: 'CA', areaCodes: [650], weight: 1 },
    ],
    nameGroups: [
      { value: 'general', weight: 40 },
      { value: 'hispanic', weight: 22 },
      { value: 'chinese', weight: 18 },
      { value: 'filipino', weight: 8 },
      { value: 'vietnamese', weight: 6 },
      { value: 'korean', weight: 3 },
      { value: 'southAsian', weight: 3 },
    ],
  },
];

/**
 * More area codes per state, used only when a ZIP's own codes run out of fictional numbers (very large
 * populations). All are real area codes of that state, so the "area code matches the state" rule holds.
 */
export const STATE_AREA_CODES: Readonly<Record<string, readonly number[]>> = {
  NY: [...manhattan, ...outerBoroughs, 516, 914, 631, 845],
  NJ: [201, 551, 973, 862, 908],
  MA: [...boston, 781, 339, 508, 774, 978, 351],
  IL: [...chicago, 847, 224, 630, 331, 708],
  CA: [...sanFrancisco, 510, 341, 650, 408, 669, 925],
};

/**
 * The UTC offset (hours) of a US clinic on a calendar day, by the federal rule in force since 2007:
 * daylight time from the second Sunday of March to the first Sunday of November. Computed here rather than
 * through Intl so the generated NDJSON does not depend on the tz database of the machine that builds it.
 * Day granularity is enough: slots start at 08:00, after the 02:00 switch.
 */
export function utcOffsetHoursOn(site: Pick<ClinicSite, 'standardOffsetHours'>, isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const dstStart = nthSunday(year, 2, 2); // March (month index 2), second Sunday
  const dstEnd = nthSunday(year, 10, 1); // November (month index 10), first Sunday
  const inDaylightTime = isoDate >= dstStart && isoDate < dstEnd;
  return site.standardOffsetHours + (inDaylightTime ? 1 : 0);
}

function nthSunday(year: number, monthIndex: number, n: number): string {
  const firstDay = new Date(Date.UTC(year, monthIndex, 1)).getUTCDay();
  const firstSunday = 1 + ((7 - firstDay) % 7);
  const day = firstSunday + 7 * (n - 1);
  return `${year}-${String(monthIndex + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
