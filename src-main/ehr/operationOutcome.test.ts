import type { OperationOutcome } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { describeHttpFailure, outcomeSummary, redactPhi } from './operationOutcome';

const oo = (...issue: OperationOutcome['issue'] & object): OperationOutcome => ({ resourceType: 'OperationOutcome', issue });

describe('OperationOutcome -> agent message', () => {
  it.each([
    [401, oo({ severity: 'error', code: 'login', details: { text: 'Token expired' } }), 'The EHR refused reading Patient (HTTP 401: Token expired). Sign in to the EHR again.'],
    [403, oo({ severity: 'error', code: 'forbidden', diagnostics: 'scope user/Encounter.c missing' }), 'The EHR refused reading Patient (HTTP 403: scope user/Encounter.c missing). Your EHR account is not allowed to do this; ask your EHR administrator.'],
    [404, null, 'The EHR refused reading Patient (HTTP 404). The record was not found; it may have been merged or removed.'],
    [412, null, 'The EHR refused reading Patient (HTTP 412). Someone changed this record meanwhile; reload it and try again.'],
    [400, oo({ severity: 'error', code: 'too-costly', details: { text: 'Too many matches' } }), 'The EHR refused reading Patient (HTTP 400: Too many matches). The search is too broad; add details (name, date of birth).'],
    [400, oo({ severity: 'error', code: 'not-supported', details: { text: 'Unknown search parameter' } }), 'The EHR refused reading Patient (HTTP 400: Unknown search parameter). This EHR does not support this request.'],
    [422, oo({ severity: 'error', code: 'required', details: { text: 'Missing subject' } }), 'The EHR refused reading Patient (HTTP 422: Missing subject). The EHR rejected the request as sent; check the details entered.'],
    [418, null, 'The EHR refused reading Patient (HTTP 418).'],
    [429, oo({ severity: 'error', code: 'throttled' }), 'The EHR is not available right now (reading Patient, HTTP 429: throttled).'],
    [503, oo({ severity: 'fatal', code: 'transient', details: { text: 'Maintenance' } }), 'The EHR is not available right now (reading Patient, HTTP 503: Maintenance).'],
  ] as const)('HTTP %i', (status, outcome, message) => {
    expect(describeHttpFailure(status, outcome, 'reading Patient')).toBe(message);
  });

  it('prefers coded details over diagnostics and errors over warnings', () => {
    expect(
      outcomeSummary(
        oo(
          { severity: 'warning', code: 'informational', details: { text: 'Deprecated parameter' } },
          { severity: 'error', code: 'invalid', details: { coding: [{ display: 'Invalid date' }] }, diagnostics: 'java.lang.Exception at ...' },
        ),
      ),
    ).toBe('Invalid date');
    expect(outcomeSummary(oo())).toBe('no details');
  });

  it('strips what looks like patient data from the server text', () => {
    expect(redactPhi("No patient named 'Maria Lopez' born 1980-02-01")).toBe('No patient named [value] born [date]');
    expect(redactPhi('Search family=Lopez&birthdate=1980-02-01 failed')).toBe('Search family=[value]&birthdate=[date] failed');
    expect(redactPhi('Duplicate of MRN 004512387 for caller +1 (608) 555-0142')).toBe('Duplicate of MRN [number] for caller [number]');
    expect(redactPhi('Contact maria.lopez@example.org on 02/01/1980')).toBe('Contact [email] on [date]');
    expect(redactPhi('x'.repeat(500)).length).toBeLessThanOrEqual(120);
    // Ordinary messages stay readable.
    expect(redactPhi('Validation failed: Encounter.subject is required (FHIR 4.0.1)')).toBe('Validation failed: Encounter.subject is required (FHIR 4.0.1)');
  });

  it('caps the whole message', () => {
    const many = oo(...Array.from({ length: 10 }, (_, i) => ({ severity: 'error' as const, code: 'invalid' as const, details: { text: `Problem ${'y'.repeat(100)} ${i}` } })));
    expect(outcomeSummary(many).length).toBeLessThanOrEqual(200);
  });
});
