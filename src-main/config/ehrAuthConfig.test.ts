import { describe, expect, it } from 'vitest';
import { CarelineConfig, ehrAuthOf } from './carelineConfig';

const fhir = (extra: Record<string, unknown>) => CarelineConfig.safeParse({ ehr: { kind: 'fhir', baseUrl: 'https://ehr.example.org/fhir', ...extra } });

describe('EHR authentication config', () => {
  it('keeps bearerToken working for existing files', () => {
    const parsed = fhir({ bearerToken: 'sandbox-token' });
    expect(parsed.success).toBe(true);
    if (parsed.success && parsed.data.ehr.kind === 'fhir') expect(ehrAuthOf(parsed.data.ehr)).toEqual({ kind: 'bearer', token: 'sandbox-token' });
  });

  it('defaults to no authentication', () => {
    const parsed = fhir({});
    if (!parsed.success || parsed.data.ehr.kind !== 'fhir') throw new Error('expected a fhir config');
    expect(ehrAuthOf(parsed.data.ehr)).toEqual({ kind: 'none' });
  });

  it('accepts SMART, bearer and basic auth', () => {
    expect(fhir({ auth: { kind: 'smart', clientId: 'careline', scope: 'openid fhirUser user/Patient.rs', loginTimeoutS: 300 } }).success).toBe(true);
    expect(fhir({ auth: { kind: 'bearer', token: 't' } }).success).toBe(true);
    expect(fhir({ auth: { kind: 'basic', user: 'lab' } }).success).toBe(true);
  });

  it('refuses a password in the file, a SMART client secret, and two ways at once', () => {
    expect(fhir({ auth: { kind: 'basic', user: 'lab', password: 'secret' } }).success).toBe(false);
    expect(fhir({ auth: { kind: 'smart', clientId: 'c', clientSecret: 's' } }).success).toBe(false);
    expect(fhir({ bearerToken: 't', auth: { kind: 'none' } }).success).toBe(false);
  });
});
