import type { Bundle, BundleEntry } from '@medplum/fhirtypes';

/**
 * Following a search's `next` links (FHIR R4 §3.1.1.5.4, Bundle.link relation "next"), bounded.
 *
 * Same origin only: every request carries the EHR's access token, so a next link pointing at another
 * scheme, host or port (a misconfigured proxy, or a hostile server) is refused rather than followed — our
 * token must never go anywhere but the configured FHIR base.
 */
export const DEFAULT_MAX_PAGES = 1;
export const HARD_MAX_PAGES = 50;

export class PagingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PagingError';
  }
}

export function nextLink(bundle: Bundle): string | null {
  return bundle.link?.find((l) => l.relation === 'next')?.url ?? null;
}

/** True when `url` has the origin of `base` (and lies under its path, as a page of this server would). */
export function isSameOrigin(url: string, base: string): boolean {
  let target: URL;
  let root: URL;
  try {
    target = new URL(url, base.endsWith('/') ? base : `${base}/`);
    root = new URL(base);
  } catch {
    return false;
  }
  return target.origin === root.origin;
}

/** The absolute URL of the next page, or null at the end; throws when the server points elsewhere. */
export function resolveNext(bundle: Bundle, base: string): string | null {
  const next = nextLink(bundle);
  if (!next) return null;
  if (!isSameOrigin(next, base)) {
    throw new PagingError('The EHR sent a next-page link to a different server; Careline did not follow it (the search results are incomplete).');
  }
  return new URL(next, base.endsWith('/') ? base : `${base}/`).toString();
}

export interface PageResult {
  readonly bundle: Bundle;
  readonly pages: number;
  /** True when a next page existed but the bound stopped us. */
  readonly truncated: boolean;
}

/**
 * Fetches pages after `first` until there is no next link or `maxPages` pages (first included) are read.
 * The bound is clamped to HARD_MAX_PAGES: a server that always answers "next" cannot keep us reading.
 */
export async function collectPages(
  first: Bundle,
  fetchPage: (url: string) => Promise<Bundle>,
  options: { base: string; maxPages?: number; signal?: AbortSignal },
): Promise<PageResult> {
  const maxPages = Math.max(1, Math.min(options.maxPages ?? DEFAULT_MAX_PAGES, HARD_MAX_PAGES));
  const entries: BundleEntry[] = [...(first.entry ?? [])];
  const seen = new Set<string>();
  let bundle = first;
  let pages = 1;
  let next = resolveNext(bundle, options.base);
  while (next && pages < maxPages) {
    options.signal?.throwIfAborted();
    // A server that links a page to itself would loop until the bound; stop at once instead.
    if (seen.has(next)) break;
    seen.add(next);
    bundle = await fetchPage(next);
    entries.push(...(bundle.entry ?? []));
    pages += 1;
    next = resolveNext(bundle, options.base);
  }
  return { bundle: { ...bundle, entry: entries }, pages, truncated: next !== null };
}
