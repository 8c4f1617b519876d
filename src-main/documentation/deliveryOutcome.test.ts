import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { FhirError } from '../ehr/FhirClient';
import { UNREADABLE_RETRY_ATTEMPTS, checkTransactionResponse, classifyDeliveryError, describeBundle, safeOutcomeText } from './deliveryOutcome';

const outcome = (text: string): OperationOutcome => ({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', details: { text } }] });
const http = (status: number, text?: string, retryAfterMs: number | null = null) =>
  new FhirError('http', `HTTP ${status}`, status, text ? outcome(text) : null, retryAfterMs);

describe('classifyDeliveryError', () => {
  // status or kind -> retried automatically? (first attempt)
  const table: [string, unknown, 'retry' | 'fail'][] = [
    ['unreachable', new FhirError('unreachable', 'x'), 'retry'],
    ['timeout', new FhirError('timeout', 'x'), 'retry'],
    ['truncated / wrong resourceType', new FhirError('invalid-response', 'x', 200), 'retry'],
    ['400', http(400), 'fail'],
    ['401', http(401), 'fail'],
    ['403', http(403), 'fail'],
    ['404', http(404), 'fail'],
    ['408', http(408), 'retry'],
    ['409 (first attempts)', http(409), 'retry'],
    ['412', http(412), 'fail'],
    ['422', http(422), 'fail'],
    ['429', http(429), 'retry'],
    ['500', http(500), 'retry'],
    ['503', http(503), 'retry'],
    ['a bug, not an EHR answer', new TypeError('x'), 'retry'],
  ];
  it.each(table)('%s -> %s', (_name, error, expected) => {
    expect(classifyDeliveryError(error, 1).kind).toBe(expected);
  });

  it('gives up on a 409 that persists (a person looks at it)', () => {
    expect(classifyDeliveryError(http(409), 2).kind).toBe('retry');
    expect(classifyDeliveryError(http(409), 3)).toEqual({ kind: 'fail', reason: 'The EHR refused the documentation (409 Conflict).' });
  });

  it('stops retrying an EHR that keeps garbling its answers, and says what a person can do', () => {
    const garbled = new FhirError('invalid-response', 'x', 200);
    expect(classifyDeliveryError(garbled, UNREADABLE_RETRY_ATTEMPTS - 1).kind).toBe('retry');
    expect(classifyDeliveryError(garbled, UNREADABLE_RETRY_ATTEMPTS, 'the encounter')).toEqual({
      kind: 'fail',
      reason: `The EHR kept sending answers Careline cannot read (${UNREADABLE_RETRY_ATTEMPTS} attempts). Ask your EHR team to check the interface; Retry sends the encounter again without making a copy.`,
    });
  });

  it('carries Retry-After for 429 and 5xx', () => {
    expect(classifyDeliveryError(http(429, undefined, 7_000), 1)).toMatchObject({ kind: 'retry', retryAfterMs: 7_000, reason: expect.stringContaining('429 Too Many Requests') });
  });

  it('says what was refused and why, in words an agent can act on', () => {
    expect(classifyDeliveryError(http(412), 1, 'the encounter').kind === 'fail' && classifyDeliveryError(http(412), 1, 'the encounter').reason).toMatch(
      /^The EHR refused the encounter \(412 Precondition Failed\)\. The EHR found more than one/,
    );
    expect(classifyDeliveryError(http(401), 1)).toMatchObject({ reason: expect.stringContaining('could not sign in') });
    expect(classifyDeliveryError(http(400, 'Invalid resource: missing status'), 1, 'the encounter')).toEqual({
      kind: 'fail',
      reason: 'The EHR refused the encounter (400 Bad Request: Invalid resource: missing status).',
    });
  });
});

describe('safeOutcomeText', () => {
  it('passes generic server text and keeps anything that may quote the patient out', () => {
    expect(safeOutcomeText(outcome('Resource already exists.'))).toBe('Resource already exists');
    expect(safeOutcomeText(outcome('Multiple matches for If-None-Exist on Encounter'))).toBe('Multiple matches for If-None-Exist on Encounter');
    expect(safeOutcomeText(outcome('Patient Jane Doe not found'))).toBeNull(); // a name
    expect(safeOutcomeText(outcome('Birth date 2019-04-02 does not match'))).toBeNull(); // digits
    expect(safeOutcomeText(outcome('Identifier "MRN-12" is taken'))).toBeNull();
    expect(safeOutcomeText(outcome('x'.repeat(121)))).toBeNull();
    expect(safeOutcomeText(null)).toBeNull();
  });
});

describe('checkTransactionResponse', () => {
  const request: Bundle = { resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'Encounter', status: 'finished', class: {} } }] };
  it('accepts a transaction-response with one 2xx entry per request entry', () => {
    const ok: Bundle = { resourceType: 'Bundle', type: 'transaction-response', entry: [{ response: { status: '200 OK' } }] };
    expect(checkTransactionResponse(request, ok)).toBe(ok);
  });
  it.each([
    ['wrong resourceType', { resourceType: 'Patient', id: 'p' }],
    ['a batch answer', { resourceType: 'Bundle', type: 'batch-response', entry: [{ response: { status: '201' } }] }],
    ['a missing entry', { resourceType: 'Bundle', type: 'transaction-response', entry: [] }],
    ['a failed entry', { resourceType: 'Bundle', type: 'transaction-response', entry: [{ response: { status: '400' } }] }],
    ['nothing', null],
  ])('refuses %s as an unreadable answer (retried, never marked sent)', (_name, response) => {
    expect(() => checkTransactionResponse(request, response)).toThrow(expect.objectContaining({ kind: 'invalid-response' }));
  });
  it('names the bundle by its first resource', () => {
    expect(describeBundle(request)).toBe('the encounter');
    expect(describeBundle({ resourceType: 'Bundle', type: 'transaction', entry: [{ resource: { resourceType: 'QuestionnaireResponse', status: 'completed' } }] })).toBe('the questionnaire response');
  });
});
