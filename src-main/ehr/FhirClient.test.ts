import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FhirClient, FhirError } from './FhirClient';

let server: Server | null = null;

async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = null;
});

describe('FhirClient', () => {
  it('follows next links when asked and keeps only matches', async () => {
    const base = await serve((req, res) => {
      res.setHeader('content-type', 'application/fhir+json');
      if (req.url?.includes('page=2')) {
        res.end(JSON.stringify({ resourceType: 'Bundle', type: 'searchset', entry: [{ resource: { resourceType: 'Patient', id: 'b' } }] }));
      } else {
        res.end(JSON.stringify({
          resourceType: 'Bundle', type: 'searchset',
          link: [{ relation: 'next', url: `http://${req.headers.host}/fhir/Patient?page=2` }],
          entry: [{ resource: { resourceType: 'Patient', id: 'a' } }, { search: { mode: 'include' }, resource: { resourceType: 'Practitioner', id: 'p' } }],
        }));
      }
    });
    const client = new FhirClient({ baseUrl: base });
    expect((await client.search('Patient', { family: 'x' })).map((p) => p.id)).toEqual(['a']);
    expect((await client.search('Patient', { family: 'x' }, { maxPages: 5 })).map((p) => p.id)).toEqual(['a', 'b']);
  });

  it('turns an OperationOutcome into an error an agent can read', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(422, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', details: { text: 'Missing subject' } }] }));
    });
    const error = await new FhirClient({ baseUrl: base }).transaction({ resourceType: 'Bundle', type: 'transaction' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FhirError);
    expect((error as FhirError).message).toMatch(/HTTP 422: Missing subject/);
    expect((error as FhirError).transient).toBe(false);
  });

  it('says an overloaded or failing EHR is unavailable (worth retrying), not that it refused', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/fhir+json' });
      res.end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient', details: { text: 'Maintenance' } }] }));
    });
    const error = (await new FhirClient({ baseUrl: base }).read('Patient', 'a').catch((e: unknown) => e)) as FhirError;
    expect(error.message).toBe('The EHR is not available right now (reading Patient, HTTP 503: Maintenance).');
    expect(error.transient).toBe(true);
  });

  it('bounds every call in time and calls a dead server unreachable', async () => {
    const base = await serve(() => {
      /* never answers */
    });
    const slow = await new FhirClient({ baseUrl: base, timeoutMs: 200 }).read('Patient', 'a').catch((e: unknown) => e);
    expect(slow).toMatchObject({ kind: 'timeout', transient: true });
    const dead = await new FhirClient({ baseUrl: 'http://127.0.0.1:9/fhir' }).read('Patient', 'a').catch((e: unknown) => e);
    expect(dead).toMatchObject({ kind: 'unreachable', transient: true });
  });

  it('refuses garbage as a response', async () => {
    const base = await serve((_req, res) => res.end('<html>proxy error</html>'));
    const error = await new FhirClient({ baseUrl: base }).capabilities().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid-response' });
  });

  it('sends the configured headers and JSON bodies', async () => {
    let seen: { auth?: string; type?: string; body?: string } = {};
    const base = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen = { auth: req.headers.authorization, type: req.headers['content-type'], body };
        res.end(JSON.stringify({ resourceType: 'Bundle', type: 'transaction-response' }));
      });
    });
    await new FhirClient({ baseUrl: base, headers: () => ({ authorization: 'Bearer t0k' }) }).transaction({ resourceType: 'Bundle', type: 'transaction' });
    expect(seen).toEqual({ auth: 'Bearer t0k', type: 'application/fhir+json', body: '{"resourceType":"Bundle","type":"transaction"}' });
  });
});
