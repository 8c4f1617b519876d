import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

/**
 * Turns an OperationOutcome (and the HTTP status) into a short message an agent can act on.
 *
 * PHI rule. Servers write OperationOutcome text for developers, and many echo the request back ("No patient
 * named 'Smith' born 1980-02-01"). Messages reach the agent's screen and error logs, so:
 *  1. Prefer `details.text` / `details.coding.display` (coded, written by the server) over `diagnostics`
 *     (free text, often a stack trace or an echo of the input); use diagnostics only when there is nothing else.
 *  2. Only error/fatal issues are shown when there are any; warnings and information are dropped.
 *  3. Redact what looks like data rather than a message: quoted values, `name=value` pairs (echoed search input),
 *     dates and times, e-mail addresses, phone numbers and any run of 5+ digits (MRNs, member ids).
 *     Names cannot be recognised reliably in free text; the quoted-value and `param=value` rules catch how
 *     servers echo them in practice. An agent needs to know *what kind* of problem it is, not the value.
 *  4. At most 3 issues, each at most 120 characters, the whole at most 200.
 */
export const OUTCOME_MAX_CHARS = 200;
const ISSUE_MAX_CHARS = 120;

const REDACTIONS: readonly [RegExp, string][] = [
  [/"[^"]*"|'[^']*'|“[^”]*”|‘[^’]*’/g, '[value]'],
  [/\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b/g, '[email]'],
  [/\b\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?\b/g, '[date]'],
  [/\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b/g, '[date]'],
  [/\+?\(?\d{1,4}\)?([ .-]?\(?\d{2,4}\)?){2,5}/g, '[number]'],
  [/\d{5,}/g, '[number]'],
  // "family=Smith", "?phone=..." (search parameters echoed back). Not "x: y": that is how messages read.
  [/\b([A-Za-z_][\w:.-]*)\s*=\s*(?!\[)[^\s,;&)]+/g, '$1=[value]'],
];

export function redactPhi(text: string): string {
  let out = text.replace(/\s+/g, ' ').trim();
  for (const [pattern, replacement] of REDACTIONS) out = out.replace(pattern, replacement);
  return out.length > ISSUE_MAX_CHARS ? `${out.slice(0, ISSUE_MAX_CHARS - 1)}…` : out;
}

function issueText(issue: OperationOutcomeIssue): string | null {
  const coded = issue.details?.text ?? issue.details?.coding?.find((c) => c.display)?.display;
  const raw = coded ?? issue.diagnostics ?? null;
  return raw ? redactPhi(raw) : null;
}

/** The readable part of an OperationOutcome (see the PHI rule above). */
export function outcomeSummary(outcome: OperationOutcome): string {
  const issues = outcome.issue ?? [];
  const errors = issues.filter((i) => i.severity === 'error' || i.severity === 'fatal');
  const shown = (errors.length ? errors : issues).slice(0, 3);
  const texts = [...new Set(shown.map((i) => issueText(i) ?? i.code).filter((t): t is string => Boolean(t)))];
  const joined = texts.join('; ');
  return (joined.length > OUTCOME_MAX_CHARS ? `${joined.slice(0, OUTCOME_MAX_CHARS - 1)}…` : joined) || 'no details';
}

/** What the agent can do about a refusal, by HTTP status first and the issue code second. */
export function actionHint(status: number, outcome: OperationOutcome | null): string | null {
  const codes = new Set((outcome?.issue ?? []).map((i) => i.code));
  if (status === 401 || codes.has('login') || codes.has('expired')) return 'Sign in to the EHR again.';
  if (status === 403 || codes.has('forbidden') || codes.has('security')) return 'Your EHR account is not allowed to do this; ask your EHR administrator.';
  if (status === 404 || codes.has('not-found')) return 'The record was not found; it may have been merged or removed.';
  if (status === 409 || status === 412 || codes.has('conflict')) return 'Someone changed this record meanwhile; reload it and try again.';
  if (codes.has('too-costly')) return 'The search is too broad; add details (name, date of birth).';
  if (codes.has('not-supported')) return 'This EHR does not support this request.';
  if (status === 400 || status === 422) return 'The EHR rejected the request as sent; check the details entered.';
  return null;
}

/**
 * The whole message for a refused request. The wording keeps FhirClient's established form ("The EHR
 * refused reading Patient (HTTP 422: …).") so existing screens and tests read the same, plus a hint.
 */
export function describeHttpFailure(status: number, outcome: OperationOutcome | null, what: string): string {
  const detail = `HTTP ${status}${outcome ? `: ${outcomeSummary(outcome)}` : ''}`;
  if (status >= 500 || status === 429) return `The EHR is not available right now (${what}, ${detail}).`;
  const hint = actionHint(status, outcome);
  return `The EHR refused ${what} (${detail}).${hint ? ` ${hint}` : ''}`;
}

export function isOperationOutcome(value: unknown): value is OperationOutcome {
  return typeof value === 'object' && value !== null && (value as { resourceType?: unknown }).resourceType === 'OperationOutcome';
}
