/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR. Part of the synthetic population generator.
 *
 * Decides who lives together: invented households of 1-5 people with plausible ages, names and relations.
 * Households drive what the contact-center demo needs most: several patients behind one phone number
 * (parents calling for children, a caregiver for an elderly parent), twins with the same birth date, and a
 * father and son with the same name — the cases that make patient identification hard.
 */
import type { Zip } from './demoGeography';
import type { DemoSite } from './careNetwork';
import type { SeededRandom } from './seededRandom';
import { type Language, NAME_POOLS, type NameGroup, NON_ENGLISH_PREFERENCE, type NamePool } from './syntheticNames';

export type HouseholdKind =
  | 'single'
  | 'couple'
  | 'family'
  | 'youngFamily'
  | 'singleParent'
  | 'olderSingle'
  | 'olderCouple'
  | 'multigenerational'
  | 'grandparentGuardian';

const KIND_WEIGHTS: readonly { value: HouseholdKind; weight: number }[] = [
  { value: 'single', weight: 20 },
  { value: 'couple', weight: 13 },
  { value: 'family', weight: 22 },
  { value: 'youngFamily', weight: 7 },
  { value: 'singleParent', weight: 10 },
  { value: 'olderSingle', weight: 10 },
  { value: 'olderCouple', weight: 10 },
  { value: 'multigenerational', weight: 5 },
  { value: 'grandparentGuardian', weight: 3 },
];

/**
 * The first households follow this list, so even a 20-patient demo has a newborn, older adults, a
 * caregiver household and a guardian; after it, kinds are drawn by weight.
 */
const SHOWCASE: readonly HouseholdKind[] = [
  'youngFamily',
  'olderCouple',
  'family',
  'singleParent',
  'multigenerational',
  'single',
  'grandparentGuardian',
  'olderSingle',
  'couple',
];

export type Gender = 'female' | 'male' | 'other';

/** How one household member relates to another, as written in Patient.contact. */
export interface PlannedContact {
  readonly member: number;
  /** Patient.contact.relationship text: "Parent" and "Guardian" for minors, else the relation. */
  readonly label: 'Parent' | 'Guardian' | 'Spouse' | 'Daughter' | 'Son' | 'Child';
  /** v2-0131: N = next of kin (parents, guardians), C = emergency contact (adults). */
  readonly code: 'N' | 'C';
}

export interface PlannedMember {
  readonly given: string;
  readonly middle: string | undefined;
  readonly family: string;
  readonly suffix: 'Jr.' | 'Sr.' | undefined;
  readonly gender: Gender;
  readonly ageDays: number;
  readonly hasMobile: boolean;
  readonly hasEmail: boolean;
  readonly maritalStatus: 'M' | 'S' | 'W' | 'D' | undefined;
  readonly contacts: readonly PlannedContact[];
  /** 1, 2 for twins (FHIR Patient.multipleBirthInteger). */
  readonly birthOrder: number | undefined;
}

export interface HouseholdPlan {
  readonly kind: HouseholdKind;
  readonly site: DemoSite;
  readonly zip: Zip;
  readonly group: NameGroup;
  readonly language: Language['code'];
  readonly members: readonly PlannedMember[];
}

const YEAR = 365.25;
const years = (random: SeededRandom, min: number, max: number): number =>
  random.int(Math.ceil(min * YEAR), Math.floor((max + 1) * YEAR) - 1);
const ageYears = (days: number): number => Math.floor(days / YEAR);

/** Mutable while the household is being put together; frozen into PlannedMember at the end. */
interface Draft {
  given: string;
  middle: string | undefined;
  family: string;
  suffix: 'Jr.' | 'Sr.' | undefined;
  gender: Gender;
  ageDays: number;
  maritalStatus: PlannedMember['maritalStatus'];
  contacts: PlannedContact[];
  birthOrder: number | undefined;
}

export function planHousehold(index: number, sites: readonly DemoSite[], random: SeededRandom): HouseholdPlan {
  const kind = index < SHOWCASE.length ? (SHOWCASE[index] as HouseholdKind) : random.weighted(KIND_WEIGHTS);
  const site = random.pick(sites);
  const zip = random.weighted(site.site.catchment.map((z) => ({ value: z, weight: z.weight })));
  const group = random.weighted(site.site.nameGroups);
  const preference = NON_ENGLISH_PREFERENCE[group];
  const language = preference && random.chance(preference.probability) ? preference.language : 'en';
  const builder = new HouseholdBuilder(random, NAME_POOLS[group]);
  buildMembers(kind, builder, random);
  return {
    kind,
    site,
    zip,
    group,
    language,
    members: builder.members.map((m) => {
      const adult = ageYears(m.ageDays) >= 18;
      const teen = !adult && ageYears(m.ageDays) >= 13;
      return {
        ...m,
        hasMobile: adult ? random.chance(ageYears(m.ageDays) >= 65 ? 0.5 : 0.8) : teen && random.chance(0.35),
        hasEmail: adult && random.chance(ageYears(m.ageDays) >= 75 ? 0.15 : 0.45),
      };
    }),
  };
}

function buildMembers(kind: HouseholdKind, h: HouseholdBuilder, random: SeededRandom): void {
  switch (kind) {
    case 'single': {
      h.adult(years(random, 18, 64), random.pick(['S', 'S', 'S', 'D']));
      return;
    }
    case 'couple': {
      const a = h.adult(years(random, 25, 64), 'M');
      h.partnerOf(a);
      return;
    }
    case 'family': {
      const a = h.adult(years(random, 26, 50), 'M');
      const b = h.partnerOf(a);
      h.children([a, b], random.int(1, 3), 0, Math.min(17, ageYears(Math.min(h.age(a), h.age(b))) - 20), 'Parent');
      return;
    }
    case 'youngFamily': {
      const a = h.adult(years(random, 22, 40), 'M');
      const b = h.partnerOf(a);
      if (random.chance(0.5)) h.child([a, b], years(random, 1, 4), 'Parent');
      // Under three months: the age band where most nurse-line protocols send a fever straight to the ED.
      h.child([a, b], random.int(3, 89), 'Parent');
      return;
    }
    case 'singleParent': {
      const a = h.adult(years(random, 20, 50), random.pick(['S', 'D']), random.chance(0.8) ? 'female' : 'male');
      h.children([a], random.int(1, 3), 0, Math.min(17, ageYears(h.age(a)) - 18), 'Parent');
      return;
    }
    case 'olderSingle': {
      h.adult(years(random, 65, 95), random.pick(['W', 'W', 'W', 'S', 'D']));
      return;
    }
    case 'olderCouple': {
      const a = h.adult(years(random, 65, 92), 'M');
      h.partnerOf(a, 65);
      return;
    }
    case 'multigenerational': {
      // An elderly parent living with an adult child who is their caregiver (and often the caller).
      const elder = h.adult(years(random, 72, 96), 'W');
      const child = h.adultChildOf(elder);
      h.addContact(elder, child, h.gender(child) === 'male' ? 'Son' : h.gender(child) === 'female' ? 'Daughter' : 'Child', 'C');
      if (random.chance(0.5)) {
        const spouse = h.partnerOf(child);
        if (ageYears(h.age(child)) < 55 && random.chance(0.6)) h.children([child, spouse], random.int(1, 2), 5, 17, 'Parent');
      }
      return;
    }
    case 'grandparentGuardian': {
      const grandparent = h.adult(years(random, 55, 75), random.pick(['W', 'M', 'D']));
      h.children([grandparent], random.int(1, 2), 2, 15, 'Guardian');
      return;
    }
  }
}

class HouseholdBuilder {
  readonly members: Draft[] = [];

  constructor(
    private readonly random: SeededRandom,
    private readonly pool: NamePool,
  ) {}

  age(i: number): number {
    return this.member(i).ageDays;
  }

  gender(i: number): Gender {
    return this.member(i).gender;
  }

  adult(ageDays: number, maritalStatus: Draft['maritalStatus'], gender?: Gender): number {
    const g = gender ?? this.adultGender();
    return this.add({ given: this.given(g), middle: this.middle(g), family: this.random.pick(this.pool.family), suffix: undefined, gender: g, ageDays, maritalStatus, contacts: [], birthOrder: undefined });
  }

  /** A spouse or partner: close in age, usually of another gender, sometimes keeping their own family name. */
  partnerOf(i: number, minYears = 18): number {
    const first = this.member(i);
    const gender: Gender = this.random.chance(0.05) ? first.gender : first.gender === 'female' ? 'male' : 'female';
    const ageDays = Math.max(Math.ceil(minYears * YEAR), first.ageDays + this.random.int(-6 * 365, 6 * 365));
    const family = this.random.chance(0.8) ? first.family : this.random.pick(this.pool.family);
    const partner = this.add({ given: this.given(gender), middle: this.middle(gender), family, suffix: undefined, gender, ageDays, maritalStatus: first.maritalStatus, contacts: [], birthOrder: undefined });
    if (first.maritalStatus === 'M') {
      this.addContact(i, partner, 'Spouse', 'C');
      this.addContact(partner, i, 'Spouse', 'C');
    }
    return partner;
  }

  adultChildOf(parent: number): number {
    const elder = this.member(parent);
    const ageDays = Math.max(Math.ceil(35 * YEAR), elder.ageDays - this.random.int(22 * 365, 38 * 365));
    const gender = this.adultGender();
    return this.add({ given: this.given(gender), middle: this.middle(gender), family: elder.family, suffix: undefined, gender, ageDays, maritalStatus: this.random.pick(['M', 'S', 'D']), contacts: [], birthOrder: undefined });
  }

  child(guardians: readonly number[], ageDays: number, label: 'Parent' | 'Guardian'): number {
    const gender: Gender = this.random.chance(0.5) ? 'female' : 'male';
    const family = this.member(guardians[0] ?? 0).family;
    const childIndex = this.add({ given: this.given(gender), middle: this.middle(gender), family, suffix: undefined, gender, ageDays, maritalStatus: undefined, contacts: [], birthOrder: undefined });
    for (const g of guardians) this.addContact(childIndex, g, label, 'N');
    return childIndex;
  }

  /** Siblings with distinct ages; sometimes twins (same birth date) and sometimes a junior named for his father. */
  children(guardians: readonly number[], count: number, minYears: number, maxYears: number, label: 'Parent' | 'Guardian'): void {
    const hi = Math.max(minYears, maxYears);
    let previous: number | undefined;
    for (let n = 0; n < count; n++) {
      if (previous !== undefined && this.random.chance(0.05)) {
        const twin = this.child(guardians, this.age(previous), label);
        this.member(previous).birthOrder = 1;
        this.member(twin).birthOrder = 2;
        previous = undefined;
        continue;
      }
      previous = this.child(guardians, years(this.random, minYears, hi), label);
    }
    this.maybeJunior(guardians);
  }

  addContact(from: number, to: number, label: PlannedContact['label'], code: PlannedContact['code']): void {
    this.member(from).contacts.push({ member: to, label, code });
  }

  private maybeJunior(guardians: readonly number[]): void {
    const father = guardians.find((g) => this.member(g).gender === 'male');
    if (father === undefined || !this.random.chance(0.08)) return;
    const son = this.members.findIndex((m, i) => i > father && m.gender === 'male' && m.family === this.member(father).family && m.contacts.some((c) => c.member === father));
    if (son < 0) return;
    const dad = this.member(father);
    const boy = this.member(son);
    boy.given = dad.given;
    boy.middle = dad.middle;
    boy.suffix = 'Jr.';
    dad.suffix = 'Sr.';
  }

  private add(member: Draft): number {
    // Siblings and spouses rarely share a first name; re-draw a few times (juniors are made on purpose).
    for (let attempt = 0; attempt < 4 && this.members.some((m) => m.given === member.given); attempt++) {
      member.given = this.given(member.gender);
    }
    if (member.middle === member.given) member.middle = undefined;
    this.members.push(member);
    return this.members.length - 1;
  }

  private member(i: number): Draft {
    const m = this.members[i];
    if (!m) throw new RangeError(`no household member ${i}`);
    return m;
  }

  private adultGender(): Gender {
    const roll = this.random.float();
    return roll < 0.005 ? 'other' : roll < 0.5025 ? 'female' : 'male';
  }

  private given(gender: Gender): string {
    const list = gender === 'female' ? this.pool.female : gender === 'male' ? this.pool.male : this.random.chance(0.5) ? this.pool.female : this.pool.male;
    return this.random.pick(list);
  }

  private middle(gender: Gender): string | undefined {
    return this.random.chance(0.25) ? this.given(gender) : undefined;
  }
}
