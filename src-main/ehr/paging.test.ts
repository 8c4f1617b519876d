import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, it, vi } from 'vitest';
import { HARD_MAX_PAGES, PagingError, collectPages, isSameOrigin, resolveNext } from './paging';

const base = 'https://ehr.example.org/fhir';
const page = (n: number, next?: string): Bundle => ({
  resourceType: 'Bundle',
  type: 'searchset',
  entry: [{ resource: { resourceType: 'Patient', id: `p${n}` } }],
  ...(next ? { link: [{ relation: 'next', url: next }] } : {}),
});

describe('paging', () => {
  it('follows next links up to the bound and says when it stopped early', async () => {
    const fetchPage = vi.fn(async (url: string) => {
      const n = Number(new URL(url).searchParams.get('page'));
      return page(n, `${base}/Patient?page=${n + 1}`);
    });
    const result = await collectPages(page(1, `${base}/Patient?page=2`), fetchPage, { base, maxPages: 3 });
    expect(result.bundle.entry?.map((e) => e.resource?.id)).toEqual(['p1', 'p2', 'p3']);
    expect(result).toMatchObject({ pages: 3, truncated: true });
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('never reads more than the hard bound, whatever is asked', async () => {
    let n = 1;
    const fetchPage = vi.fn(async () => page(++n, `${base}/Patient?page=${n + 1}`));
    const result = await collectPages(page(1, `${base}/Patient?page=2`), fetchPage, { base, maxPages: 10_000 });
    expect(result.pages).toBe(HARD_MAX_PAGES);
  });

  it('stops at the last page and on a page that links to itself', async () => {
    expect(await collectPages(page(1), vi.fn(), { base, maxPages: 5 })).toMatchObject({ pages: 1, truncated: false });
    const loop = vi.fn(async () => page(2, `${base}/Patient?page=2`));
    const result = await collectPages(page(1, `${base}/Patient?page=2`), loop, { base, maxPages: 5 });
    expect(loop).toHaveBeenCalledTimes(1);
    expect(result.pages).toBe(2);
  });

  it('refuses a next link to another server (our token would go with it)', async () => {
    const fetchPage = vi.fn();
    await expect(collectPages(page(1, 'https://evil.example.com/fhir/Patient?page=2'), fetchPage, { base, maxPages: 5 })).rejects.toBeInstanceOf(PagingError);
    expect(fetchPage).not.toHaveBeenCalled();
    expect(() => resolveNext(page(1, 'http://ehr.example.org/fhir/Patient?page=2'), base)).toThrow(PagingError); // scheme downgrade
    expect(() => resolveNext(page(1, 'https://ehr.example.org:8443/fhir/Patient?page=2'), base)).toThrow(PagingError);
  });

  it('resolves relative next links against the base', () => {
    expect(resolveNext(page(1, 'Patient?page=2'), base)).toBe('https://ehr.example.org/fhir/Patient?page=2');
    expect(isSameOrigin('not a url', 'also not')).toBe(false);
  });

  it('can be cancelled between pages', async () => {
    const abort = new AbortController();
    const fetchPage = vi.fn(async () => {
      abort.abort();
      return page(2, `${base}/Patient?page=3`);
    });
    await expect(collectPages(page(1, `${base}/Patient?page=2`), fetchPage, { base, maxPages: 5, signal: abort.signal })).rejects.toThrow();
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });
});
