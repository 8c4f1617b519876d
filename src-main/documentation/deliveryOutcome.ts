import { STATUS_CODES } from 'node:http';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { FhirError } from '../ehr/FhirClient';

/**
 * What the outbox does after a failed delivery attempt: try again later (the EHR was down, slow, busy or
 * garbled its answer; the bundle is idempotent so a replay is safe) or park the item as failed for a person
 * (the EHR will refuse it again as it is). Either way the item stays in the store: nothing is dropped.
 */
export type DeliveryDecision =
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterMs: number | null }
  | { readonly kind: 'fail'; readonly reason: string };

/**
 * 409 Conflict. Our bundles only create, each guarded by If-None-Exist on a client identifier, so a 409 is
 * not a version conflict of ours: servers answer it when two requests for the same identifier race (e.g. a
 * retry overlapping a request whose answer was lost, or another workstation's replay). Once the other write
 * commits, a replay matches it through If-None-Exist and succeeds, so 409 is retried, but only a few times:
 * a conflict that persists is something a person has to look at.
 */
export const CONFLICT_RETRY_ATTEMPTS = 3;

/**
 * An answer Careline cannot read is retried (the write may have landed; a replay is idempotent), but not
 * forever: with the default backoff, 8 attempts span about 8 minutes. An EHR that keeps garbling its
 * answers has an interface problem a person must look at; the item stays, and Retry sends it again safely.
 */
export const UNREADABLE_RETRY_ATTEMPTS = 8;

/** A noun for the agent: "the encounter", "the questionnaire response", from the bundle's first resource. */
export function describeBundle(bundle: Bundle): string {
  const type = bundle.entry?.[0]?.resource?.resourceType;
  if (!type) return 'the documentation';
  return `the ${type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
}

function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? 'Error'}`;
}

/** What a person can do about a refusal, where the status says it. */
const HINTS: Partial<Record<number, string>> = {
  401: 'Careline could not sign in to the EHR; ask your administrator to check its EHR credentials.',
  403: 'Careline is not permitted to write this to the EHR; ask your administrator.',
  412: 'The EHR found more than one existing match for this documentation; ask your EHR team to check for duplicates.',
};

export function classifyDeliveryError(error: unknown, attempts: number, what = 'the documentation'): DeliveryDecision {
  if (!(error instanceof FhirError)) {
    return { kind: 'retry', reason: `Unexpected error while sending ${what} to the EHR; Careline will try again.`, retryAfterMs: null };
  }
  switch (error.kind) {
    case 'unreachable':
      return { kind: 'retry', reason: 'The EHR cannot be reached; Careline will try again.', retryAfterMs: null };
    case 'timeout':
      return { kind: 'retry', reason: 'The EHR did not answer in time; Careline will try again.', retryAfterMs: null };
    case 'invalid-response':
      // The write may have landed and only the answer be broken: a replay is idempotent, so try again.
      if (attempts >= UNREADABLE_RETRY_ATTEMPTS) {
        return {
          kind: 'fail',
          reason: `The EHR kept sending answers Careline cannot read (${attempts} attempts). Ask your EHR team to check the interface; Retry sends ${what} again without making a copy.`,
        };
      }
      return { kind: 'retry', reason: 'The EHR sent an answer Careline cannot read; Careline will try again.', retryAfterMs: null };
    case 'http':
      break;
  }
  const status = error.status ?? 0;
  const detail = safeOutcomeText(error.outcome);
  const suffix = detail ? `: ${detail}` : '';
  if (status === 429 || status === 408 || status >= 500) {
    const busy = status === 429 ? 'The EHR is busy' : status === 408 ? 'The EHR timed out' : 'The EHR is not available right now';
    return { kind: 'retry', reason: `${busy} (${statusLine(status)}); Careline will try again.`, retryAfterMs: error.retryAfterMs };
  }
  if (status === 409 && attempts < CONFLICT_RETRY_ATTEMPTS) {
    return { kind: 'retry', reason: `The EHR reported a conflict (${statusLine(status)}); Careline will try again.`, retryAfterMs: error.retryAfterMs };
  }
  const hint = HINTS[status];
  return { kind: 'fail', reason: `The EHR refused ${what} (${statusLine(status)}${suffix}).${hint ? ` ${hint}` : ''}` };
}

/** FHIR resource types and words that may be capitalized in a server message without being a name. */
const CAPITALIZED_OK = new Set([
  'FHIR', 'EHR', 'HTTP', 'ID', 'Bundle', 'Encounter', 'QuestionnaireResponse', 'Communication', 'Appointment', 'Task',
  'DocumentReference', 'Patient', 'Practitioner', 'OperationOutcome', 'If-None-Exist', 'Conditional',
]);

/**
 * OperationOutcome text is written for humans by the server and may quote the resource (a name, a birth
 * date, an MRN). It goes to the agent only when it cannot be carrying such a value: short, no digits, no
 * quotes or @, and no capitalized word past the first other than FHIR vocabulary (names are capitalized).
 * Otherwise the reason stays generic (status line only). A heuristic, deliberately strict.
 */
export function safeOutcomeText(outcome: OperationOutcome | null): string | null {
  const issue = outcome?.issue?.[0];
  const text = (issue?.details?.text ?? issue?.diagnostics ?? '').trim();
  if (!text || text.length > 120) return null;
  if (!/^[A-Za-z ,.;:()'-]+$/.test(text)) return null;
  const words = text.split(/[\s,.;:()]+/).filter(Boolean);
  const ok = words.every((w, i) => i === 0 || !/^[A-Z]/.test(w) || CAPITALIZED_OK.has(w));
  return ok ? text.replace(/[.\s]+$/, '') : null;
}

/**
 * A transaction answer Careline can rely on: a transaction-response Bundle with one 2xx entry per request
 * entry. Anything else (wrong resourceType, a batch answer, a missing entry) is an answer Careline cannot
 * read: the item is not marked sent on the strength of it.
 */
export function checkTransactionResponse(request: Bundle, response: unknown): Bundle {
  const bundle = response as Partial<Bundle> | null;
  const expected = request.entry?.length ?? 0;
  const fail = (why: string): never => {
    throw new FhirError('invalid-response', `The EHR sent an answer Careline cannot read (${why}).`);
  };
  if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') return fail('not a Bundle');
  if (bundle.type !== 'transaction-response') return fail('not a transaction-response');
  const entries = bundle.entry ?? [];
  if (entries.length !== expected) return fail(`${entries.length} entries for ${expected} requests`);
  if (!entries.every((e) => /^2\d\d/.test(e.response?.status ?? ''))) return fail('an entry without a 2xx status');
  return bundle as Bundle;
}
