import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FhirClient, type FhirError } from './FhirClient';

let server: Server | null = null;
const seen: { method?: string; url?: string; auth?: string; body?: string }[] = [];

async function serve(status = 200, body: unknown = { resourceType: 'Bundle', type: 'searchset' }): Promise<string> {
  seen.length = 0;
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body: text });
      res.writeHead(status, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

describe('FhirClient auth hook', () => {
  it('asks the auth provider for the Authorization header on every request', async () => {
    const base = await serve();
    let n = 0;
    const client = new FhirClient({ baseUrl: base, auth: { authorization: async () => `Bearer t${++n}` } });
    await client.search('Patient', {});
    await client.search('Patient', {});
    expect(seen.map((s) => s.auth)).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('sends no header when the provider has none, and reports a 401 to it', async () => {
    const base = await serve(401, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
    const unauthorized = vi.fn();
    const error = (await new FhirClient({ baseUrl: base, auth: { authorization: async () => null, unauthorized } }).read('Patient', 'a').catch((e: unknown) => e)) as FhirError;
    expect(seen[0]?.auth).toBeUndefined();
    expect(unauthorized).toHaveBeenCalledOnce();
    expect(error.message).toBe('The EHR refused reading Patient (HTTP 401: login). Sign in to the EHR again.');
  });

  it('sends a refused request once more when the auth provider has fresh credentials, and only once', async () => {
    const base = await serve(401, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login' }] });
    let token = 'Bearer old';
    const unauthorized = vi.fn(async (rejected: string | null) => {
      token = 'Bearer new';
      return rejected === 'Bearer old';
    });
    const client = new FhirClient({ baseUrl: base, auth: { authorization: async () => token, unauthorized } });
    await expect(client.transaction({ resourceType: 'Bundle', type: 'transaction' })).rejects.toMatchObject({ status: 401 });
    // Refused with the old token -> refreshed -> sent again with the new one -> refused again -> no third try.
    expect(seen.map((s) => s.auth)).toEqual(['Bearer old', 'Bearer new']);
    expect(unauthorized.mock.calls).toEqual([['Bearer old'], ['Bearer new']]);
  });

  it('refuses to send a request (and its token) to another server', async () => {
    const base = await serve(200, { resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: 'http://127.0.0.2:9/fhir/Patient?page=2' }] });
    const authorization = vi.fn(async () => 'Bearer secret');
    const client = new FhirClient({ baseUrl: base, auth: { authorization } });
    await expect(client.search('Patient', {}, { maxPages: 3 })).rejects.toMatchObject({ kind: 'invalid-response', message: expect.stringMatching(/different server/) });
    expect(seen).toHaveLength(1);
  });

  it('posts a type-level operation with a Parameters body', async () => {
    const base = await serve();
    await new FhirClient({ baseUrl: base }).operation('Patient', '$match', { resourceType: 'Parameters', parameter: [{ name: 'count', valueInteger: 3 }] });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/fhir/Patient/$match', body: '{"resourceType":"Parameters","parameter":[{"name":"count","valueInteger":3}]}' });
  });
});
