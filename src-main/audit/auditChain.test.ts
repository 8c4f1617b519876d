import { describe, expect, it } from 'vitest';
import { type AuditEntry, GENESIS_HASH, canonicalEntry, chainEntry, hashEntry, verifyChain } from './auditChain';

function build(n: number): AuditEntry[] {
  const rows: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    rows.push(
      chainEntry(rows.at(-1) ?? null, {
        at: 1_700_000_000_000 + i * 1000,
        userId: `user-${i % 7}`,
        userRole: i % 3 === 0 ? 'nurse' : 'agent',
        action: i % 2 === 0 ? 'view' : 'search',
        patientId: i % 2 === 0 ? `p-${i}` : null,
        purpose: 'treatment',
        resource: i % 2 === 0 ? `Patient/p-${i}` : 'Patient',
        detail: i % 2 === 0 ? '' : 'params=birthdate,family;results=2',
        outcome: 'success',
      }),
    );
  }
  return rows;
}

describe('audit hash chain', () => {
  it('builds and verifies over 1,000 entries, starting from the 64-zero genesis hash', () => {
    const rows = build(1000);
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    expect(rows[0]?.seq).toBe(1);
    expect(rows.every((r, i) => i === 0 || r.prevHash === rows[i - 1]?.hash)).toBe(true);
    expect(verifyChain(rows)).toEqual({ ok: true, count: 1000 });
    const last = rows.at(-1);
    expect(verifyChain(rows, last ? { seq: last.seq, hash: last.hash } : null)).toEqual({ ok: true, count: 1000 });
  });

  it('serializes with a fixed key order, whatever order the object was written in', () => {
    const [row] = build(1);
    if (!row) throw new Error('no row');
    const shuffled = Object.fromEntries(Object.entries(row).reverse()) as unknown as AuditEntry;
    expect(canonicalEntry(shuffled)).toBe(canonicalEntry(row));
    expect(canonicalEntry(row).startsWith('{"seq":1,"at":')).toBe(true);
    expect(hashEntry(GENESIS_HASH, shuffled)).toBe(row.hash);
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports an edited row as a hash mismatch at its seq', () => {
    const rows = build(50);
    rows[20] = { ...rows[20]!, patientId: 'someone-else' };
    expect(verifyChain(rows)).toEqual({ ok: false, brokenAt: 21, reason: 'hash-mismatch' });
  });

  it('reports an edited row whose hash was recomputed at the next row (its link no longer matches)', () => {
    const rows = build(50);
    const edited = { ...rows[20]!, detail: 'params=family;results=0' };
    rows[20] = { ...edited, hash: hashEntry(edited.prevHash, edited) };
    expect(verifyChain(rows)).toEqual({ ok: false, brokenAt: 22, reason: 'hash-mismatch' });
  });

  it('reports a deleted middle row as a gap at the missing seq', () => {
    const rows = build(50);
    rows.splice(30, 1);
    expect(verifyChain(rows)).toEqual({ ok: false, brokenAt: 31, reason: 'gap' });
  });

  it('reports a deleted first row as a gap at seq 1', () => {
    expect(verifyChain(build(5).slice(1))).toEqual({ ok: false, brokenAt: 1, reason: 'gap' });
  });

  it('reports rows out of order: a later row moved up reads as a gap, an earlier row again as reordered', () => {
    const rows = build(10);
    [rows[4], rows[5]] = [rows[5]!, rows[4]!];
    expect(verifyChain(rows)).toEqual({ ok: false, brokenAt: 5, reason: 'gap' });
    const dup = build(10);
    dup.splice(6, 0, dup[3]!);
    expect(verifyChain(dup)).toEqual({ ok: false, brokenAt: 4, reason: 'reordered' });
  });

  it('reports two rows whose contents were swapped (seqs kept) as a hash mismatch', () => {
    const rows = build(10);
    const a = rows[3]!;
    const b = rows[6]!;
    rows[3] = { ...b, seq: a.seq };
    rows[6] = { ...a, seq: b.seq };
    expect(verifyChain(rows)).toEqual({ ok: false, brokenAt: 4, reason: 'hash-mismatch' });
  });

  it('detects a truncated tail only through the separately kept head', () => {
    const rows = build(10);
    const head = { seq: 10, hash: rows[9]!.hash };
    const truncated = rows.slice(0, 8);
    expect(verifyChain(truncated)).toEqual({ ok: true, count: 8 });
    expect(verifyChain(truncated, head)).toEqual({ ok: false, brokenAt: 9, reason: 'gap' });
    expect(verifyChain([], head)).toEqual({ ok: false, brokenAt: 1, reason: 'gap' });
  });

  it('refuses rows the head does not vouch for (appended around the log) and a head that disagrees', () => {
    const rows = build(10);
    expect(verifyChain(rows, { seq: 9, hash: rows[8]!.hash })).toEqual({ ok: false, brokenAt: 10, reason: 'hash-mismatch' });
    expect(verifyChain(rows, { seq: 10, hash: 'f'.repeat(64) })).toEqual({ ok: false, brokenAt: 10, reason: 'hash-mismatch' });
  });

  it('verifies an empty log against an empty head', () => {
    expect(verifyChain([], { seq: 0, hash: GENESIS_HASH })).toEqual({ ok: true, count: 0 });
  });
});
