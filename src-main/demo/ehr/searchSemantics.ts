/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * Where the demo EHR's search deliberately differs from Medplum's in-memory matcher, to behave like the
 * FHIR servers Careline meets in production:
 *  - unknown or unsupported parameters are refused (400) instead of silently matching nothing: an empty
 *    screen pop must mean "no such patient", never "the server ignored your filter";
 *  - string parameters match by "starts with" on each word, accent- and case-insensitively (FHIR string
 *    search), with :exact and :contains, instead of a plain substring;
 *  - a reference given as a bare id (`patient=pat-000123`) is read as `Patient/pat-000123`;
 *  - a phone search whose '+' was not percent-encoded (it arrives as a space) is refused with a hint.
 */
import { badRequest, evalFhirPathTyped, globalSchema, Operator, OperationOutcomeError, parseFhirPath, splitSearchOnComma, toTypedValue } from '@medplum/core';
import type { Filter, FhirPathAtom, SearchRequest } from '@medplum/core';
import type { Resource, SearchParameter } from '@medplum/fhirtypes';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

function searchParameter(resourceType: string, code: string): SearchParameter | undefined {
  return globalSchema.types[resourceType]?.searchParams?.[code];
}

const SUPPORTED_MODIFIERS: Readonly<Record<string, readonly Operator[]>> = {
  string: [Operator.EQUALS, Operator.EXACT, Operator.CONTAINS, Operator.MISSING],
  token: [Operator.EQUALS, Operator.NOT, Operator.MISSING],
  reference: [Operator.EQUALS, Operator.MISSING],
  date: [Operator.EQUALS, Operator.NOT_EQUALS, Operator.GREATER_THAN, Operator.LESS_THAN, Operator.GREATER_THAN_OR_EQUALS, Operator.LESS_THAN_OR_EQUALS, Operator.STARTS_AFTER, Operator.ENDS_BEFORE, Operator.APPROXIMATELY, Operator.MISSING],
  uri: [Operator.EQUALS, Operator.MISSING],
};

/**
 * Checks a parsed search against what the demo EHR implements, fills in paging defaults and rewrites bare-id
 * references. Throws a 400 OperationOutcomeError naming the parameter it cannot honour.
 */
export function prepareSearch<T extends Resource>(request: SearchRequest<T>): SearchRequest<T> {
  const where = `${request.resourceType}?`;
  if (request.types?.length || request.resourceType === ('MultipleTypes' as string)) {
    throw new OperationOutcomeError(badRequest('Searching across resource types (GET [base]?...) is not supported by the demo EHR.'));
  }
  if (!globalSchema.types[request.resourceType]) throw new OperationOutcomeError(badRequest(`Unknown resource type ${request.resourceType}.`));
  if (request.include?.length || request.revInclude?.length) {
    throw new OperationOutcomeError(badRequest(`${where}_include and _revinclude are not supported by the demo EHR; read the referenced resources instead.`));
  }
  for (const rule of request.sortRules ?? []) {
    if (!searchParameter(request.resourceType, rule.code)) throw new OperationOutcomeError(badRequest(`Cannot sort ${where} by unknown parameter "${rule.code}".`));
  }
  const filters = (request.filters ?? []).map((filter) => prepareFilter(request.resourceType, filter));
  const count = request.count === undefined || Number.isNaN(request.count) ? DEFAULT_PAGE_SIZE : Math.min(Math.max(request.count, 0), MAX_PAGE_SIZE);
  const offset = request.offset === undefined || Number.isNaN(request.offset) ? 0 : Math.max(request.offset, 0);
  return { ...request, filters, count, offset };
}

function prepareFilter(resourceType: string, filter: Filter): Filter {
  const where = `${resourceType}?${filter.code}`;
  const param = searchParameter(resourceType, filter.code);
  if (!param) {
    const hint = filter.code.includes('.') || filter.code === '_has' ? ' (chained and reverse-chained searches are not supported)' : '';
    throw new OperationOutcomeError(badRequest(`Unknown search parameter ${where}${hint}.`));
  }
  const allowed = SUPPORTED_MODIFIERS[param.type];
  if (!allowed || !allowed.includes(filter.operator)) {
    throw new OperationOutcomeError(badRequest(`The demo EHR does not support ${where} with ${filter.operator === Operator.EQUALS ? `type ${param.type}` : `modifier or prefix "${filter.operator}"`}.`));
  }
  // "phone=+1617..." sent unencoded arrives as " 1617...": '+' means space in a query string. Say so
  // rather than answer "no such patient".
  if ((filter.code === 'phone' || filter.code === 'telecom') && /(^|,) /.test(filter.value)) {
    throw new OperationOutcomeError(badRequest(`${where} value starts with a space: send '+' as %2B (E.164 numbers, e.g. phone=%2B16175550123).`));
  }
  if (param.type === 'reference' && filter.operator === Operator.EQUALS) {
    return { ...filter, value: splitSearchOnComma(filter.value).flatMap((v) => expandBareId(v, param.target ?? [])).join(',') };
  }
  return filter;
}

/** "pat-1" -> "Patient/pat-1" (every possible target when the parameter has several). */
function expandBareId(value: string, targets: readonly string[]): string[] {
  if (value.includes('/') || value.includes(':') || targets.length === 0) return [value];
  return targets.map((t) => `${t}/${value}`);
}

/** A prepared search split in two: what Medplum's matcher decides, and the string filters we decide. */
export interface SplitSearch<T extends Resource = Resource> {
  readonly medplum: SearchRequest<T>;
  readonly strings: readonly { readonly filter: Filter; readonly path: FhirPathAtom }[];
}

const compiledPaths = new Map<string, FhirPathAtom>();

/**
 * The parameter's FHIRPath parsed once (indexMedplumDefinitions already narrowed it to this resource type).
 * Medplum's matcher re-parses it for every resource it tests, which dominates a scan of 100,000 patients.
 */
function compiledPath(expression: string): FhirPathAtom {
  let atom = compiledPaths.get(expression);
  if (!atom) {
    atom = parseFhirPath(expression);
    compiledPaths.set(expression, atom);
  }
  return atom;
}

/**
 * Takes default and :exact string filters away from Medplum (whose substring match is neither
 * starts-with nor accent-insensitive) so matchesStringSemantics can apply FHIR's rules to them.
 */
export function splitStringFilters<T extends Resource>(request: SearchRequest<T>): SplitSearch<T> {
  const strings: { filter: Filter; path: FhirPathAtom }[] = [];
  const rest: Filter[] = [];
  for (const filter of request.filters ?? []) {
    const param = searchParameter(request.resourceType, filter.code);
    if (param?.type === 'string' && param.expression && (filter.operator === Operator.EQUALS || filter.operator === Operator.EXACT)) {
      strings.push({ filter, path: compiledPath(param.expression) });
    } else {
      rest.push(filter);
    }
  }
  return { medplum: { ...request, filters: rest }, strings };
}

/** Default: some word of some value starts with the text (case- and accent-insensitive); :exact: equals. */
export function matchesStringSemantics(resource: Resource, strings: SplitSearch['strings']): boolean {
  for (const { filter, path } of strings) {
    const values = stringValues(resource, path);
    const wanted = splitSearchOnComma(filter.value);
    const ok =
      filter.operator === Operator.EXACT
        ? wanted.some((w) => values.includes(w))
        : wanted.some((w) => {
            const prefix = fold(w.trim());
            return values.some((v) => {
              const folded = fold(v);
              return folded.startsWith(prefix) || folded.split(/[\s\-']+/).some((word) => word.startsWith(prefix));
            });
          });
    if (!ok) return false;
  }
  return true;
}

/** Strings a parameter sees in a resource: HumanName and Address contribute each of their parts. */
function stringValues(resource: Resource, path: FhirPathAtom): string[] {
  const out: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => k !== 'use' && k !== 'type' && k !== 'period' && visit(v));
  };
  for (const typed of evalFhirPathTyped(path, [toTypedValue(resource)])) visit(typed.value);
  return out;
}

/** Case- and accent-insensitive form ("Peña" and "pena" compare equal). */
function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
