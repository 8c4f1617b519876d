import type { CapabilityStatement, CapabilityStatementRest, CapabilityStatementRestResource } from '@medplum/fhirtypes';

/**
 * What a FHIR server says it can do, read from its CapabilityStatement (GET [base]/metadata), so Careline
 * asks only for searches and operations the server offers (Epic, for one, will not search Patient by phone).
 *
 * Tolerant by design: real statements are partial or odd (several `rest` entries, client-mode entries,
 * operations named "$match" or "match" or known only by their definition URL, resource types in odd case,
 * common parameters declared once at the `rest` level). Anything not declared counts as unsupported; a
 * statement we could not read at all is "unknown" and callers decide (usually: try, and handle the refusal).
 */
export type Interaction = 'read' | 'vread' | 'update' | 'patch' | 'delete' | 'history-instance' | 'history-type' | 'create' | 'search-type';

export class CapabilityView {
  private readonly rests: CapabilityStatementRest[];

  constructor(readonly statement: CapabilityStatement | null) {
    const rest = Array.isArray(statement?.rest) ? statement.rest : [];
    // Only the server side describes what we can ask for; a missing mode is read as server (common in the wild).
    this.rests = rest.filter((r) => r && typeof r === 'object' && (r.mode === 'server' || r.mode === undefined));
  }

  /** Null when no statement could be read: callers may try the request and handle a refusal. */
  get known(): boolean {
    return this.statement !== null;
  }

  get software(): string | null {
    return this.statement?.software?.name ?? null;
  }

  private resources(type: string): CapabilityStatementRestResource[] {
    const wanted = type.toLowerCase();
    return this.rests.flatMap((r) => (Array.isArray(r.resource) ? r.resource : [])).filter((res) => typeof res?.type === 'string' && res.type.toLowerCase() === wanted);
  }

  supportsResource(type: string): boolean {
    return this.resources(type).length > 0;
  }

  supportsInteraction(type: string, code: Interaction): boolean {
    return this.resources(type).some((res) => (Array.isArray(res.interaction) ? res.interaction : []).some((i) => i?.code === code));
  }

  /**
   * A search parameter of a resource type, with or without a modifier ("phone", "name:exact" -> "name").
   * Parameters declared at the rest level (`_id`, `_count`…) apply to every type the server can search.
   */
  supportsSearchParam(type: string, name: string): boolean {
    const wanted = name.split(':')[0]!.toLowerCase();
    const declared = (params: unknown): boolean => Array.isArray(params) && params.some((p: { name?: unknown }) => typeof p?.name === 'string' && p.name.toLowerCase() === wanted);
    if (this.resources(type).some((res) => declared(res.searchParam))) return true;
    return this.supportsInteraction(type, 'search-type') && this.rests.some((r) => declared(r.searchParam));
  }

  /** A type-level operation ("match" or "$match"), declared on the resource or system-wide with its definition URL. */
  supportsOperation(type: string, operation: string): boolean {
    const op = operation.replace(/^\$/, '').toLowerCase();
    const definition = new RegExp(`/OperationDefinition/(${escape(type)}-)?${escape(op)}(\\|.*)?$`, 'i');
    const matches = (ops: unknown): boolean =>
      Array.isArray(ops) &&
      ops.some((o: { name?: unknown; definition?: unknown }) => {
        const name = typeof o?.name === 'string' ? o.name.replace(/^\$/, '').toLowerCase() : '';
        const def = typeof o?.definition === 'string' ? o.definition : '';
        return name === op || definition.test(def);
      });
    if (this.resources(type).some((res) => matches(res.operation))) return true;
    // A system-level declaration counts only when its definition names this type (e.g. Patient-match).
    return this.rests.some(
      (r) => Array.isArray(r.operation) && r.operation.some((o) => typeof o?.definition === 'string' && new RegExp(`/OperationDefinition/${escape(type)}-${escape(op)}(\\|.*)?$`, 'i').test(o.definition)),
    );
  }

  supportsSystemInteraction(code: 'transaction' | 'batch' | 'search-system' | 'history-system'): boolean {
    return this.rests.some((r) => (Array.isArray(r.interaction) ? r.interaction : []).some((i) => i?.code === code));
  }

  get supportsTransaction(): boolean {
    return this.supportsSystemInteraction('transaction');
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface CapabilityCacheOptions {
  /** How long a statement is trusted: servers change theirs on upgrades, not per request. */
  readonly ttlMs?: number;
  readonly now?: () => number;
  /** A failed read is retried after this long (a server that is down must not be asked on every call). */
  readonly failureTtlMs?: number;
}

/** Reads /metadata once per TTL, single-flight; a failure gives an "unknown" view for a short while. */
export class CapabilityCache {
  private cached: { view: CapabilityView; until: number } | null = null;
  private inflight: Promise<CapabilityView> | null = null;
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly load: (signal?: AbortSignal) => Promise<CapabilityStatement>,
    options: CapabilityCacheOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60 * 60_000;
    this.failureTtlMs = options.failureTtlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async get(signal?: AbortSignal): Promise<CapabilityView> {
    if (this.cached && this.cached.until > this.now()) return this.cached.view;
    // The shared read is not tied to one caller's signal (one cancelled call must not fail the others).
    this.inflight ??= this.refresh().finally(() => {
      this.inflight = null;
    });
    if (!signal) return this.inflight;
    signal.throwIfAborted();
    return Promise.race([
      this.inflight,
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true })),
    ]);
  }

  invalidate(): void {
    this.cached = null;
  }

  private async refresh(): Promise<CapabilityView> {
    try {
      const statement = await this.load(AbortSignal.timeout(10_000));
      const view = new CapabilityView(statement && typeof statement === 'object' && statement.resourceType === 'CapabilityStatement' ? statement : null);
      this.cached = { view, until: this.now() + (view.known ? this.ttlMs : this.failureTtlMs) };
      return view;
    } catch {
      const view = new CapabilityView(null);
      this.cached = { view, until: this.now() + this.failureTtlMs };
      return view;
    }
  }
}
