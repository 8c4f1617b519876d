/**
 * The HIPAA access log's hash chain (issue 5 §5), kept pure so it can be checked anywhere: in the app, in a
 * test, or by an auditor's script over an exported file.
 *
 * Every entry's hash covers the previous entry's hash and the entry itself (including its seq), so an edited
 * row breaks its own hash, a deleted row leaves a seq gap, and a row moved to another place no longer links to
 * its neighbour. A truncated tail leaves a valid chain; only a head (last seq and hash) kept apart from the rows
 * shows that more existed.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../src-preload/contract';

/**
 * What was done with PHI. 'print' is reserved for printed charts (no print path exists yet). 'login' and
 * 'logout' record who was using Careline or the EHR from this workstation, and when (no patient).
 */
export type AuditAction = 'view' | 'search' | 'write' | 'export' | 'print' | 'login' | 'logout';
/**
 * Why (HIPAA permitted purpose; mapped to v3-ActReason in the FHIR export):
 * - treatment (TREAT): every triage, nurse-advice and scheduling call, the ring-time lookup, charts, searches
 *   and documentation; scheduling a visit is part of arranging care.
 * - operations (HOPERAT): compliance work on the audit log itself (exports, reviews).
 * - payment (HPAYMT): billing and coverage questions (no such workflow yet).
 * - emergency (ETREAT): reserved for break-the-glass access (no such workflow yet).
 */
export type AuditPurpose = 'treatment' | 'operations' | 'payment' | 'emergency';
export type AuditOutcome = 'success' | 'failure';
/** 'system' when no one is signed in (a call can ring while sign-in completes). */
export type AuditRole = Role | 'system';

export interface AuditEntry {
  readonly seq: number;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly userId: string;
  readonly userRole: AuditRole;
  readonly action: AuditAction;
  /** The patient's logical id in the EHR, never a name or MRN; null for a search or an export. */
  readonly patientId: string | null;
  readonly purpose: AuditPurpose;
  /** e.g. "Patient/123", "Patient" (a search), "Encounter", "AuditEvent". */
  readonly resource: string;
  /** Non-PHI only: parameter names used, result counts, outcome codes ("params=family,birthdate;results=2"). */
  readonly detail: string;
  readonly outcome: AuditOutcome;
  readonly prevHash: string;
  readonly hash: string;
}

/** The part of an entry its hash covers. */
export type AuditRecord = Omit<AuditEntry, 'prevHash' | 'hash'>;

/** The chain's last link, stored apart from the rows (a meta row) so a deleted tail is detected. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

export type ChainVerdict =
  | { readonly ok: true; readonly count: number }
  | { readonly ok: false; readonly brokenAt: number; readonly reason: 'hash-mismatch' | 'gap' | 'reordered' };

export const GENESIS_HASH = '0'.repeat(64);

/** Fixed key order: the hash must not depend on how an object literal happened to be written. */
const HASHED_KEYS = ['seq', 'at', 'userId', 'userRole', 'action', 'patientId', 'purpose', 'resource', 'detail', 'outcome'] as const;

/** Canonical JSON of the hashed fields: fixed key order, no whitespace, null for a missing patient. */
export function canonicalEntry(entry: AuditRecord): string {
  const ordered: Record<string, string | number | null> = {};
  for (const key of HASHED_KEYS) ordered[key] = entry[key] ?? null;
  return JSON.stringify(ordered);
}

/** SHA-256 (hex) over the previous hash followed by the entry's canonical JSON. */
export function hashEntry(prevHash: string, entry: AuditRecord): string {
  return createHash('sha256').update(prevHash).update(canonicalEntry(entry)).digest('hex');
}

/** Links a new entry after `prev` (null: the first entry). */
export function chainEntry(prev: AuditHead | null, entry: Omit<AuditRecord, 'seq'>): AuditEntry {
  const prevHash = prev?.hash ?? GENESIS_HASH;
  const record: AuditRecord = { ...entry, seq: (prev?.seq ?? 0) + 1 };
  return { ...record, prevHash, hash: hashEntry(prevHash, record) };
}

/**
 * Checks rows in the order given (the store reads them by seq). Seqs start at 1 and rise by one. The first
 * fault is reported: for a missing row, brokenAt is the first missing seq. With a head, a chain shorter than
 * the head is a gap (truncated tail), and rows past the head are a hash-mismatch (the head does not vouch
 * for them: they were added without going through the log).
 */
export function verifyChain(rows: Iterable<AuditEntry>, head?: AuditHead | null): ChainVerdict {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    if (row.seq < expectedSeq) return { ok: false, brokenAt: row.seq, reason: 'reordered' };
    if (row.seq > expectedSeq) return { ok: false, brokenAt: expectedSeq, reason: 'gap' };
    if (row.prevHash !== prevHash || row.hash !== hashEntry(prevHash, row)) return { ok: false, brokenAt: row.seq, reason: 'hash-mismatch' };
    if (head && row.seq === head.seq && row.hash !== head.hash) return { ok: false, brokenAt: row.seq, reason: 'hash-mismatch' };
    if (head && row.seq > head.seq) return { ok: false, brokenAt: row.seq, reason: 'hash-mismatch' };
    prevHash = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  if (head && count < head.seq) return { ok: false, brokenAt: count + 1, reason: 'gap' };
  return { ok: true, count };
}
