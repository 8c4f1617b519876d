/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * An in-process FHIR R4 server over real HTTP on loopback, holding synthetic patients for the demo and for
 * integration tests. Careline's EHR client talks to it exactly as it talks to a production EHR (same
 * FhirClient, same URLs), which is the point: the demo exercises the real code paths, including outages.
 *
 * Built on node:http + Medplum's FhirRouter over DemoRepository (a MemoryRepository with indexes, validation
 * and all-or-nothing transactions). Writes (everything but GET) run one at a time: a long unindexed search
 * inside a transaction yields to the event loop, and two interleaved transactions would share the rollback
 * journal and could both pass their If-None-Exist check. Reads run concurrently, so a screen pop is never
 * queued behind a slow search; a read may see a transaction that is still in progress (read-uncommitted),
 * which is acceptable for a demo. No authentication: it binds to 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getStatus, isOk, normalizeOperationOutcome } from '@medplum/core';
import { FhirRouter, type FhirRequest, type HttpMethod } from '@medplum/fhir-router';
import type { Bundle, CapabilityStatement, OperationOutcome, OperationOutcomeIssue, Resource } from '@medplum/fhirtypes';
import { buildCapabilityStatement } from './capabilityStatement';
import { DemoRepository } from './DemoRepository';
import { readBodyText, readJsonBody } from './requestBody';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './searchSemantics';

export const FHIR_BASE_PATH = '/fhir/R4';
export const OUTAGE_MESSAGE = 'Demo EHR outage (simulated)';
const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export interface DemoFhirServerOptions {
  /** Loopback only: the demo EHR has no authentication. */
  readonly host?: '127.0.0.1';
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Largest accepted request body (default 10 MB); larger ones get 413. */
  readonly maxBodyBytes?: number;
  /** Validate created/updated resources against FHIR R4 (default true). */
  readonly validateWrites?: boolean;
}

/** Runs tasks one after another, in arrival order; a failing task does not stop the next. */
class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export class DemoFhirServer {
  private readonly router = new FhirRouter();
  private readonly queue = new SerialQueue();
  private capabilityStatement: CapabilityStatement | undefined;
  private base = '';
  private outage = false;
  private stopping: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly repository: DemoRepository,
    private readonly maxBodyBytes: number,
  ) {}

  static async start(options: DemoFhirServerOptions = {}): Promise<DemoFhirServer> {
    const host = options.host ?? '127.0.0.1';
    if (host !== '127.0.0.1') throw new Error(`The demo EHR listens on 127.0.0.1 only (asked for ${String(host)}).`);
    const repository = new DemoRepository({ validateWrites: options.validateWrites });
    const server = createServer();
    const instance = new DemoFhirServer(server, repository, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void instance.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(new Error(`The demo EHR could not listen on ${host}:${options.port ?? 0}: ${error.message}`));
      server.once('error', onError);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', onError);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    instance.base = `http://${host}:${port}${FHIR_BASE_PATH}`;
    instance.capabilityStatement = buildCapabilityStatement(instance.base, new Date().toISOString(), repository.indexedParameters);
    return instance;
  }

  /** e.g. http://127.0.0.1:41234/fhir/R4 */
  get baseUrl(): string {
    return this.base;
  }

  get port(): number {
    return (this.server.address() as AddressInfo | null)?.port ?? 0;
  }

  get outageActive(): boolean {
    return this.outage;
  }

  /**
   * Bulk-loads resources straight into the repository, keeping their ids (generated data is trusted: no
   * validation). Yields to the event loop now and then so the server keeps answering during a long load.
   * Returns how many resources were stored.
   */
  async load(resources: Iterable<Resource> | AsyncIterable<Resource>): Promise<number> {
    return this.queue.run(async () => {
      const lastUpdated = new Date().toISOString();
      let count = 0;
      const store = async (resource: Resource): Promise<void> => {
        this.repository.loadTrusted(resource, lastUpdated);
        count += 1;
        if (count % 10_000 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      };
      if (Symbol.asyncIterator in resources) {
        for await (const resource of resources) await store(resource);
      } else {
        for (const resource of resources) await store(resource);
      }
      return count;
    });
  }

  /** Demo control: while on, every request gets 503 with an OperationOutcome, as a real EHR outage would. */
  setOutage(on: boolean): void {
    this.outage = on;
  }

  /** Stops listening and closes open connections; safe to call twice. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.stopping;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname !== FHIR_BASE_PATH && !url.pathname.startsWith(`${FHIR_BASE_PATH}/`)) {
        return sendOutcome(res, 404, 'not-found', `No FHIR endpoint at ${url.pathname}; the base is ${FHIR_BASE_PATH}.`);
      }
      if (this.outage) {
        req.resume();
        return sendOutcome(res, 503, 'transient', OUTAGE_MESSAGE, { 'retry-after': '5' });
      }
      const method = (req.method ?? 'GET') as HttpMethod;
      if (!METHODS.includes(method)) {
        req.resume();
        return sendOutcome(res, 405, 'not-supported', `Method ${method} is not supported.`, { allow: METHODS.join(', ') });
      }
      const path = decodePath(url.pathname.slice(FHIR_BASE_PATH.length));
      if (path === undefined) return sendOutcome(res, 400, 'invalid', 'The request path is not validly percent-encoded.');
      if (method === 'GET' && path === 'metadata') {
        return this.capabilityStatement ? sendJson(res, 200, this.capabilityStatement) : sendOutcome(res, 503, 'transient', 'The demo EHR is starting.');
      }

      // POST [type]/_search (form-encoded) is a GET search whose parameters travel in the body.
      if (method === 'POST' && /^[A-Za-z]+\/_search$/.test(path)) {
        const form = await readBodyText(req, this.maxBodyBytes);
        if (!form.ok) return sendOutcome(res, form.status, form.status === 413 ? 'too-costly' : 'invalid', form.message);
        const params = new URLSearchParams(url.search);
        new URLSearchParams(form.value).forEach((value, key) => params.append(key, value));
        const searchUrl = new URL(`${FHIR_BASE_PATH}/${path.slice(0, -'/_search'.length)}?${params.toString()}`, url);
        return this.dispatch(res, 'GET', searchUrl, path.slice(0, -'/_search'.length), undefined, req);
      }

      let body: unknown;
      if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
        const read = await readJsonBody(req, this.maxBodyBytes);
        if (!read.ok) return sendOutcome(res, read.status, read.status === 413 ? 'too-costly' : 'invalid', read.message, read.closeConnection ? { connection: 'close' } : {});
        body = read.value;
        const problem = bodyProblem(method, path, body);
        if (problem) return sendOutcome(res, 400, 'invalid', problem);
        // FHIR create: the server assigns the id. Medplum's MemoryRepository would keep (and overwrite!) one sent.
        if (method === 'POST' && isCreatePath(path)) delete (body as { id?: unknown }).id;
      } else {
        req.resume();
      }

      await this.dispatch(res, method, url, path, body, req);
    } catch (error) {
      sendJson(res, 500, normalizeOperationOutcome(error));
    }
  }

  private async dispatch(res: ServerResponse, method: HttpMethod, url: URL, path: string, body: unknown, req: IncomingMessage): Promise<void> {
    const fhirRequest: FhirRequest = {
      method,
      url: `${path}${url.search}`,
      pathname: '',
      body,
      params: {},
      query: {},
      headers: req.headers,
      config: { transactions: true }, // without it the router runs a transaction Bundle as a batch
    };
    const run = (): ReturnType<FhirRouter['handleRequest']> => this.router.handleRequest(fhirRequest, this.repository);
    const [outcome, resource] = method === 'GET' ? await run() : await this.queue.run(run);
    this.respond(res, outcome, resource, url);
  }

  private respond(res: ServerResponse, outcome: OperationOutcome, resource: Resource | undefined, url: URL): void {
    const status = getStatus(outcome);
    if (!isOk(outcome) || !resource) return sendJson(res, status, outcome);
    const headers: Record<string, string> = {};
    if (resource.resourceType === 'Bundle' && resource.type === 'searchset') {
      return sendJson(res, status, this.decorateSearchset(resource, url));
    }
    const versionId = resource.meta?.versionId;
    if (resource.id && versionId) {
      headers.etag = `W/"${versionId}"`;
      if (resource.meta?.lastUpdated) headers['last-modified'] = new Date(resource.meta.lastUpdated).toUTCString();
      if (status === 201) headers.location = `${this.baseUrl}/${resource.resourceType}/${resource.id}/_history/${versionId}`;
    }
    sendJson(res, status, resource, headers);
  }

  /** Adds what MemoryRepository leaves out of a searchset: fullUrl, search mode, self and next links. */
  private decorateSearchset(bundle: Bundle, url: URL): Bundle {
    const params = new URLSearchParams(url.search);
    const count = clampInt(params.get('_count'), DEFAULT_PAGE_SIZE, 0, MAX_PAGE_SIZE);
    const offset = clampInt(params.get('_offset'), 0, 0, Number.MAX_SAFE_INTEGER);
    const path = url.pathname.slice(FHIR_BASE_PATH.length);
    const link: NonNullable<Bundle['link']> = [{ relation: 'self', url: `${this.baseUrl}${path}${url.search}` }];
    if (count > 0 && bundle.total !== undefined && offset + count < bundle.total) {
      params.set('_offset', String(offset + count));
      params.set('_count', String(count));
      link.push({ relation: 'next', url: `${this.baseUrl}${path}?${params.toString()}` });
    }
    return {
      ...bundle,
      link,
      entry: bundle.entry?.map((e) => ({
        fullUrl: e.resource ? `${this.baseUrl}/${e.resource.resourceType}/${e.resource.id}` : undefined,
        ...e,
        search: { mode: 'match' },
      })),
    };
  }
}

function decodePath(raw: string): string | undefined {
  try {
    return raw
      .split('/')
      .filter(Boolean)
      .map((segment) => decodeURIComponent(segment))
      .join('/');
  } catch {
    return undefined;
  }
}

/** `POST [type]` (not `[type]/_search`, not the base). */
function isCreatePath(path: string): boolean {
  return path !== '' && !path.includes('/');
}

function bodyProblem(method: HttpMethod, path: string, body: unknown): string | undefined {
  if (method === 'PATCH') return Array.isArray(body) ? undefined : 'A PATCH body must be a JSON Patch array.';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'The request body must be a FHIR resource (a JSON object).';
  const resourceType = (body as { resourceType?: unknown }).resourceType;
  if (typeof resourceType !== 'string') return 'The request body has no resourceType.';
  if (method === 'POST' && path === '' && resourceType !== 'Bundle') return 'POST to the base takes a batch or transaction Bundle.';
  return undefined;
}

function clampInt(raw: string | null, fallback: number, min: number, max: number): number {
  const n = raw === null ? NaN : Number.parseInt(raw, 10);
  return Number.isNaN(n) ? fallback : Math.min(Math.max(n, min), max);
}

function sendOutcome(res: ServerResponse, status: number, code: OperationOutcomeIssue['code'], text: string, headers: Record<string, string> = {}): void {
  const outcome: OperationOutcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] };
  sendJson(res, status, outcome, headers);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': FHIR_JSON, 'content-length': Buffer.byteLength(payload), 'cache-control': 'no-store', ...headers });
  res.end(payload);
}
