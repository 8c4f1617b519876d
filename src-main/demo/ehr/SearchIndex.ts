/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * Exact-value indexes for the searches a contact center runs on every call (Patient by phone or
 * identifier, a patient's Coverage and Encounters, If-None-Exist on client identifiers). Medplum's
 * MemoryRepository answers every search by evaluating FHIRPath on every resource of the type; with 100,000
 * patients that is too slow for a screen pop that should appear while the phone rings.
 *
 * The index only narrows the candidates: the full Medplum matcher still decides. So it must return a
 * superset of the true matches — which is why each field is used only after checking, against the loaded
 * search parameter definitions, that the parameter's expression is exactly the path we extract.
 */
import { getExpressionForResourceType, globalSchema, Operator, splitSearchOnComma } from '@medplum/core';
import type { Filter, SearchRequest } from '@medplum/core';
import type { Reference, Resource } from '@medplum/fhirtypes';

type Extract = (resource: Record<string, unknown>) => (string | undefined)[];

interface IndexedField {
  readonly resourceType: string;
  /** token: case-insensitive value; reference: exact; day: a full YYYY-MM-DD date (partial dates always candidates). */
  readonly kind: 'token' | 'reference' | 'day';
  readonly extract: Extract;
  /** Search parameter code -> the FHIRPath (for this resource type) it must have for the index to apply. */
  readonly codes: Readonly<Record<string, string>>;
}

const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const identifiers: Extract = (r) => asArray(r.identifier as { value?: string } | { value?: string }[] | undefined).map((i) => i.value);
const references =
  (field: string): Extract =>
  (r) =>
    asArray(r[field] as Reference | Reference[] | undefined).map((x) => x.reference);
const telecom =
  (system?: string): Extract =>
  (r) =>
    asArray(r.telecom as { system?: string; value?: string }[] | undefined)
      .filter((t) => system === undefined || t.system === system)
      .map((t) => t.value);

const identifierField = (resourceType: string): IndexedField => ({
  resourceType,
  kind: 'token',
  extract: identifiers,
  codes: { identifier: `${resourceType}.identifier` },
});

/** Posting key under which values that are not a full date (e.g. birthDate "1980") are kept. */
const PARTIAL_DATE = '*';
const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;

const FIELDS: readonly IndexedField[] = [
  // Name + date of birth is how every EHR finds a caller; the date is what makes it selective.
  { resourceType: 'Patient', kind: 'day', extract: (r) => [r.birthDate as string | undefined], codes: { birthdate: 'Patient.birthDate' } },
  { resourceType: 'Patient', kind: 'token', extract: telecom('phone'), codes: { phone: "Patient.telecom.where(system='phone')" } },
  { resourceType: 'Patient', kind: 'token', extract: telecom(), codes: { telecom: 'Patient.telecom' } },
  ...['Patient', 'Practitioner', 'Encounter', 'Coverage', 'QuestionnaireResponse', 'Communication', 'Appointment'].map(identifierField),
  {
    resourceType: 'Encounter',
    kind: 'reference',
    extract: references('subject'),
    codes: { subject: 'Encounter.subject', patient: 'Encounter.subject.where(resolve() is Patient)' },
  },
  { resourceType: 'Coverage', kind: 'reference', extract: references('beneficiary'), codes: { beneficiary: 'Coverage.beneficiary', patient: 'Coverage.beneficiary' } },
  { resourceType: 'Slot', kind: 'reference', extract: references('schedule'), codes: { schedule: 'Slot.schedule' } },
  // Scheduling: a patient's appointments, who is booked (actor), and what holds a slot (a cancel checks it).
  {
    resourceType: 'Appointment',
    kind: 'reference',
    extract: (r) => asArray(r.participant as { actor?: Reference }[] | undefined).map((p) => p.actor?.reference),
    codes: { actor: 'Appointment.participant.actor', patient: 'Appointment.participant.actor.where(resolve() is Patient)' },
  },
  { resourceType: 'Appointment', kind: 'reference', extract: references('slot'), codes: { slot: 'Appointment.slot' } },
  { resourceType: 'Schedule', kind: 'reference', extract: references('actor'), codes: { actor: 'Schedule.actor' } },
  {
    resourceType: 'QuestionnaireResponse',
    kind: 'reference',
    extract: references('subject'),
    codes: { subject: 'QuestionnaireResponse.subject', patient: 'QuestionnaireResponse.subject.where(resolve() is Patient)' },
  },
  {
    resourceType: 'Communication',
    kind: 'reference',
    extract: references('subject'),
    codes: { subject: 'Communication.subject', patient: 'Communication.subject.where(resolve() is Patient)' },
  },
];

/**
 * Whether the loaded definition of `code` for this type is exactly `expected`, compared in Medplum's own
 * normalized form (narrowed to the type and re-printed from the parsed FHIRPath, so spacing and the other
 * types of a shared parameter do not matter).
 */
function hasExpression(resourceType: string, code: string, expected: string): boolean {
  const actual = globalSchema.types[resourceType]?.searchParams?.[code]?.expression;
  if (!actual) return false;
  return getExpressionForResourceType(resourceType, actual) === getExpressionForResourceType(resourceType, expected);
}

/** value -> ids; a lone id is kept as a string (most phones and identifiers map to one resource). */
type Postings = Map<string, string | string[]>;

interface ActiveField {
  readonly field: IndexedField;
  readonly postings: Postings;
}

export class SearchIndex {
  /** resourceType -> fields indexed for it. */
  private readonly byType = new Map<string, ActiveField[]>();
  /** `${resourceType}|${code}` -> the field that answers that search parameter. */
  private readonly byCode = new Map<string, ActiveField>();

  /** Call after indexMedplumDefinitions(): fields whose expression does not match are left out (scan). */
  constructor() {
    for (const field of FIELDS) {
      const usable = Object.entries(field.codes).filter(([code, expected]) => hasExpression(field.resourceType, code, expected));
      if (usable.length === 0) continue;
      const active: ActiveField = { field, postings: new Map() };
      this.byType.set(field.resourceType, [...(this.byType.get(field.resourceType) ?? []), active]);
      for (const [code] of usable) this.byCode.set(`${field.resourceType}|${code}`, active);
    }
  }

  /** The search parameters this index answers, e.g. "Patient?phone" (for the capability statement and tests). */
  get indexedParameters(): string[] {
    return [...this.byCode.keys()].map((k) => k.replace('|', '?'));
  }

  clear(): void {
    for (const fields of this.byType.values()) fields.forEach((f) => f.postings.clear());
  }

  add(resource: Resource): void {
    this.update(resource, (postings, key, id) => {
      const current = postings.get(key);
      if (current === undefined) postings.set(key, id);
      else if (typeof current === 'string') {
        if (current !== id) postings.set(key, [current, id]);
      } else if (!current.includes(id)) current.push(id);
    });
  }

  remove(resource: Resource): void {
    this.update(resource, (postings, key, id) => {
      const current = postings.get(key);
      if (current === id) postings.delete(key);
      else if (Array.isArray(current)) {
        const rest = current.filter((x) => x !== id);
        if (rest.length === 0) postings.delete(key);
        else postings.set(key, rest.length === 1 ? (rest[0] as string) : rest);
      }
    });
  }

  /**
   * Ids that may match, from the most selective indexed filter of the request; undefined when no filter can
   * use an index (the caller scans). `_id` is answered here too.
   */
  candidates(request: SearchRequest): string[] | undefined {
    let best: string[] | undefined;
    for (const filter of request.filters ?? []) {
      const ids = this.lookup(request.resourceType, filter);
      if (ids && (best === undefined || ids.length < best.length)) best = ids;
    }
    return best;
  }

  private lookup(resourceType: string, filter: Filter): string[] | undefined {
    if (filter.operator !== Operator.EQUALS) return undefined;
    const values = splitSearchOnComma(filter.value);
    if (filter.code === '_id') return [...new Set(values)];
    const active = this.byCode.get(`${resourceType}|${filter.code}`);
    if (!active) return undefined;
    const ids = new Set<string>();
    const collect = (key: string): void => {
      const posting = active.postings.get(key);
      if (typeof posting === 'string') ids.add(posting);
      else posting?.forEach((id) => ids.add(id));
    };
    for (const raw of values) {
      const kind = active.field.kind;
      const key = kind === 'token' ? tokenKey(raw) : kind === 'day' ? (FULL_DATE.test(raw) ? raw : undefined) : raw;
      if (key === undefined) return undefined; // e.g. "system|" alone, or a month: not answerable from the index
      collect(key);
      if (kind === 'day') collect(PARTIAL_DATE);
    }
    return [...ids];
  }

  private update(resource: Resource, apply: (postings: Postings, key: string, id: string) => void): void {
    const id = resource.id;
    if (!id) return;
    for (const { field, postings } of this.byType.get(resource.resourceType) ?? []) {
      const seen = new Set<string>();
      for (const value of field.extract(resource as unknown as Record<string, unknown>)) {
        if (!value) continue;
        const key = field.kind === 'token' ? value.toLowerCase() : field.kind === 'day' && !FULL_DATE.test(value) ? PARTIAL_DATE : value;
        if (seen.has(key)) continue;
        seen.add(key);
        apply(postings, key, id);
      }
    }
  }
}

/** Token filter "system|value", "|value" or "value" -> the lower-cased value Medplum compares. */
function tokenKey(filterValue: string): string | undefined {
  const bar = filterValue.indexOf('|');
  const value = bar >= 0 ? filterValue.slice(bar + 1) : filterValue;
  return value ? value.toLowerCase() : undefined;
}
