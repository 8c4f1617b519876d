/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * Medplum's MemoryRepository with what a contact-center demo needs on top:
 *  - all-or-nothing transactions: MemoryRepository.withTransaction just runs the callback, so a transaction
 *    Bundle whose third entry fails would leave the first two written. We journal every write inside a
 *    transaction and undo it on failure. The journal is per repository, so the caller (DemoFhirServer) must
 *    run one write request at a time;
 *  - exact-value indexes (SearchIndex) so phone, identifier and per-patient searches stay fast at 100,000
 *    patients, and a search that copies only the page it returns (the base copies every match);
 *  - FHIR search semantics the real EHRs have (searchSemantics.ts) and validation of every write against
 *    the R4 structure definitions, so client bugs surface here rather than at a customer site;
 *  - a bulk load that keeps the generator's ids and skips per-resource copies.
 *
 * Search, rollback and the bulk load read MemoryRepository's private `resources` and `history` maps. That is
 * deliberate and checked at construction (a Medplum upgrade that changes them fails loudly, not subtly);
 * re-implementing the repository instead would mean re-implementing what we reuse.
 */
import {
  badRequest,
  deepClone,
  evalFhirPath,
  globalSchema,
  isResourceType,
  matchesSearchRequest,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import type { SearchRequest, SortRule, WithId } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, Meta, Resource } from '@medplum/fhirtypes';
import { indexMedplumDefinitions } from './medplumDefinitions';
import { SearchIndex } from './SearchIndex';
import { matchesStringSemantics, prepareSearch, splitStringFilters } from './searchSemantics';

interface Internals {
  readonly resources: Map<string, Map<string, Resource>>;
  readonly history: Map<string, Map<string, Resource[]>>;
}

interface JournalEntry {
  readonly resourceType: string;
  readonly id: string;
  /** The version before the write, or undefined when the write created the resource. */
  readonly previous: Resource | undefined;
  /** Whether the write appended a history version (create/update do, delete does not). */
  readonly addedHistory: boolean;
}

const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** Resources tested between two yields to the event loop during an unindexed scan. */
const SCAN_SLICE = 2000;

export interface DemoRepositoryOptions {
  /** Validate created and updated resources against the FHIR R4 definitions (default true). */
  readonly validateWrites?: boolean;
}

export class DemoRepository extends MemoryRepository {
  private readonly internals: Internals;
  private readonly index: SearchIndex;
  private readonly validateWrites: boolean;
  private journal: JournalEntry[] | undefined;
  private readonly metaCache = new Map<string, Meta>();

  constructor(options: DemoRepositoryOptions = {}) {
    super();
    indexMedplumDefinitions();
    this.internals = readInternals(this);
    this.index = new SearchIndex();
    this.validateWrites = options.validateWrites ?? true;
  }

  /** Search parameters answered from an index rather than a scan, e.g. "Patient?phone". */
  get indexedParameters(): string[] {
    return this.index.indexedParameters;
  }

  /**
   * Stores a trusted resource as is, keeping its id (bulk load of generated data). No validation and no
   * copy: the caller hands the object over and must not change it afterwards.
   */
  loadTrusted(resource: Resource, lastUpdated: string): void {
    if (!isResourceType(resource.resourceType)) throw new OperationOutcomeError(badRequest(`Unknown resource type ${String(resource.resourceType)}.`));
    if (!resource.id || !FHIR_ID.test(resource.id)) throw new OperationOutcomeError(badRequest(`Bulk-loaded ${resource.resourceType} needs a valid id, got ${String(resource.id)}.`));
    const stored = { ...resource, meta: this.loadedMeta(resource.meta, lastUpdated) } as WithId<Resource>;
    const previous = this.peek(stored.resourceType, stored.id);
    if (previous) this.index.remove(previous);
    mapOf(this.internals.resources, stored.resourceType).set(stored.id, stored);
    mapOf(this.internals.history, stored.resourceType).set(stored.id, [stored]);
    this.index.add(stored);
  }

  /**
   * Newest version first. Overridden because MemoryRepository 4.5 reverses its stored history array in place
   * on every call, which scrambles the order for the next reader (and for our rollback, which pops the last).
   */
  override async readHistory<T extends Resource>(resourceType: string, id: string): Promise<Bundle<T>> {
    await this.readResource(resourceType, id); // 404 when absent or deleted
    const versions = (this.internals.history.get(resourceType)?.get(id) ?? []) as T[];
    const entry = [...versions].reverse().map((version) => ({ resource: deepClone(version) }));
    return { resourceType: 'Bundle', type: 'history', ...(entry.length > 0 ? { entry } : {}) };
  }

  override clear(): void {
    super.clear();
    this.index.clear();
  }

  override async createResource<T extends Resource>(resource: T): Promise<WithId<T>> {
    const input = withoutServerMeta(resource);
    if (this.validateWrites) validateResource(input); // throws a 400-class OperationOutcomeError
    const previous = input.id ? this.peek(input.resourceType, input.id) : undefined;
    const result = await super.createResource(input);
    if (previous) this.index.remove(previous);
    const stored = this.peek(result.resourceType, result.id);
    if (stored) this.index.add(stored);
    this.journal?.push({ resourceType: result.resourceType, id: result.id, previous, addedHistory: true });
    return result;
  }

  override async deleteResource(resourceType: string, id: string): Promise<void> {
    const previous = this.peek(resourceType, id);
    await super.deleteResource(resourceType, id);
    if (previous) this.index.remove(previous);
    this.journal?.push({ resourceType, id, previous, addedHistory: false });
  }

  /** Runs `callback` all-or-nothing. Nested calls (conditional create inside a Bundle) join the outer one. */
  override async withTransaction<TResult>(callback: (client: undefined) => Promise<TResult>): Promise<TResult> {
    if (this.journal) return callback(undefined);
    const journal: JournalEntry[] = [];
    this.journal = journal;
    try {
      return await callback(undefined);
    } catch (error) {
      this.rollback(journal);
      throw error;
    } finally {
      this.journal = undefined;
    }
  }

  override async search<T extends Resource>(searchRequest: SearchRequest<T>): Promise<Bundle<WithId<T>>> {
    const prepared = prepareSearch(searchRequest);
    const { medplum, strings } = splitStringFilters(prepared);
    const all = this.internals.resources.get(prepared.resourceType);
    const ids = this.index.candidates(medplum);
    const candidates: Iterable<Resource> = ids ? ids.map((id) => all?.get(id)).filter((r): r is Resource => r !== undefined) : (all?.values() ?? []);
    let matched: Resource[] = [];
    let scanned = 0;
    for (const resource of candidates) {
      // Our string filters first: they run on pre-parsed paths, Medplum's matcher re-parses per resource.
      if (matchesStringSemantics(resource, strings) && matchesSearchRequest(resource, medplum)) matched.push(resource);
      // A long scan gives the event loop a turn now and then, so indexed reads (a screen pop) are not stuck behind it.
      if (++scanned % SCAN_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (prepared.sortRules?.length) matched = sortResources(matched, prepared.resourceType, prepared.sortRules);
    const offset = prepared.offset ?? 0;
    const page = matched.slice(offset, offset + (prepared.count ?? matched.length));
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      total: matched.length,
      ...(page.length > 0 ? { entry: page.map((resource) => ({ resource: deepClone(resource) as WithId<T> })) } : {}),
    };
  }

  /**
   * Bulk-loaded resources start at version "1" (as on most FHIR servers) and share one frozen meta object
   * per distinct meta: 280,000 copies of the same tag and timestamp would cost tens of MB.
   */
  private loadedMeta(meta: Meta | undefined, lastUpdated: string): Meta {
    const key = `${lastUpdated}|${JSON.stringify(meta ?? {})}`;
    let shared = this.metaCache.get(key);
    if (!shared) {
      if (this.metaCache.size >= 1000) this.metaCache.clear();
      const { versionId: _v, lastUpdated: _l, ...rest } = meta ?? {};
      shared = Object.freeze({ ...rest, versionId: '1', lastUpdated });
      this.metaCache.set(key, shared);
    }
    return shared;
  }

  private peek(resourceType: string, id: string): Resource | undefined {
    return this.internals.resources.get(resourceType)?.get(id);
  }

  private rollback(journal: readonly JournalEntry[]): void {
    for (const entry of [...journal].reverse()) {
      const current = this.peek(entry.resourceType, entry.id);
      if (current) this.index.remove(current);
      const resources = mapOf(this.internals.resources, entry.resourceType);
      if (entry.previous) {
        resources.set(entry.id, entry.previous);
        this.index.add(entry.previous);
      } else {
        resources.delete(entry.id);
      }
      if (entry.addedHistory) {
        const versions = this.internals.history.get(entry.resourceType)?.get(entry.id);
        versions?.pop();
        if (versions?.length === 0) this.internals.history.get(entry.resourceType)?.delete(entry.id);
      }
    }
  }
}

function readInternals(repo: MemoryRepository): Internals {
  const raw = repo as unknown as { resources?: unknown; history?: unknown };
  if (!(raw.resources instanceof Map) || !(raw.history instanceof Map)) {
    throw new Error(
      'DemoRepository expects MemoryRepository to keep `resources` and `history` Maps (true in @medplum/fhir-router 4.5). ' +
        'This version differs: update src-main/demo/ehr/DemoRepository.ts.',
    );
  }
  return raw as Internals;
}

function mapOf<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = outer.get(key);
  if (!inner) {
    inner = new Map();
    outer.set(key, inner);
  }
  return inner;
}

/** versionId and lastUpdated belong to the server; a client's values would otherwise be kept as sent. */
function withoutServerMeta<T extends Resource>(resource: T): T {
  if (!resource.meta || (resource.meta.versionId === undefined && resource.meta.lastUpdated === undefined)) return resource;
  const { versionId: _v, lastUpdated: _l, ...meta } = resource.meta;
  return { ...resource, meta };
}

/** Sorts by each rule in turn (the first rule decides first), on the parameter's FHIRPath value. */
function sortResources(resources: Resource[], resourceType: string, rules: readonly SortRule[]): Resource[] {
  const keyed = resources.map((resource) => ({
    resource,
    keys: rules.map((rule) => {
      const expression = globalSchema.types[resourceType]?.searchParams?.[rule.code]?.expression;
      return expression ? JSON.stringify(evalFhirPath(expression, resource)) : '';
    }),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < rules.length; i++) {
      const x = a.keys[i] as string;
      const y = b.keys[i] as string;
      if (x !== y) return (x < y ? -1 : 1) * (rules[i]?.descending ? -1 : 1);
    }
    return 0;
  });
  return keyed.map((k) => k.resource);
}
