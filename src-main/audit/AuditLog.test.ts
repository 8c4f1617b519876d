import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateResource } from '@medplum/core';
import type { AuditEvent } from '@medplum/fhirtypes';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexMedplumDefinitions } from '../demo/ehr/medplumDefinitions';
import { createMemoryLogger } from '../log/logger';
import { audit003 } from '../storage/migrations/003-audit';
import { auditSignIn009 } from '../storage/migrations/009-audit-sign-in';
import { chainEntry, verifyChain } from './auditChain';
import { type AuditInput, AuditLog, MemoryAuditSink, csvCell, recordAudit, searchDetail } from './AuditLog';

const view = (patientId: string, userId = 'agent-ana'): AuditInput => ({
  userId,
  userRole: 'agent',
  action: 'view',
  patientId,
  purpose: 'treatment',
  resource: `Patient/${patientId}`,
  detail: '',
  outcome: 'success',
});
const search: AuditInput = {
  userId: 'agent-ana',
  userRole: 'agent',
  action: 'search',
  patientId: null,
  purpose: 'treatment',
  resource: 'Patient',
  detail: searchDetail(['family', 'birthdate'], 2),
  outcome: 'success',
};
const admin = { userId: 'sup-kim', userRole: 'supervisor' } as const;

let dir: string;
let file: string;
let clock: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'careline-audit-'));
  file = join(dir, 'cache.db');
  clock = Date.UTC(2026, 10, 22, 9, 0, 0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh file database with the audit schema and `n` entries, closed so the next connection reopens it. */
function seeded(n: number): void {
  const db = new Database(file);
  audit003.up(db);
  const log = new AuditLog(db, { now: () => (clock += 1000) });
  for (let i = 1; i <= n; i++) log.append(i % 4 === 0 ? search : view(`p${i}`));
  db.close();
}

/** Someone holding the key: opens the file, drops the triggers and edits it directly. */
function tamper(sql: string): void {
  const db = new Database(file);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  db.close();
}

function reopen(): { db: Database.Database; log: AuditLog } {
  const db = new Database(file);
  return { db, log: new AuditLog(db) };
}

describe('AuditLog: the tamper test (issue 5 §5)', () => {
  it('verifies an untouched log written over several connections', () => {
    seeded(10);
    const { db, log } = reopen();
    log.append(view('p99'));
    expect(log.verify()).toEqual({ ok: true, count: 11 });
    expect(log.head().seq).toBe(11);
    db.close();
  });

  it('(a) refuses UPDATE and DELETE through the app connection', () => {
    seeded(5);
    const { db, log } = reopen();
    expect(() => db.prepare("UPDATE audit_log SET patient_id = 'other' WHERE seq = 2").run()).toThrow('audit log is append-only');
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 5').run()).toThrow('audit log is append-only');
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow('audit log is append-only');
    expect(() => db.prepare('UPDATE audit_head SET seq = 3 WHERE id = 1').run()).toThrow('audit head only moves forward');
    expect(() => db.prepare('DELETE FROM audit_head').run()).toThrow('audit log is append-only');
    expect(log.verify()).toEqual({ ok: true, count: 5 });
    db.close();
  });

  it("(b) an edited patient_id with the triggers dropped is a hash mismatch at that seq", () => {
    seeded(10);
    tamper("UPDATE audit_log SET patient_id = 'p-other' WHERE seq = 6");
    const { db, log } = reopen();
    expect(log.verify()).toEqual({ ok: false, brokenAt: 6, reason: 'hash-mismatch' });
    db.close();
  });

  it('(b) a deleted middle row is a gap', () => {
    seeded(10);
    tamper('DELETE FROM audit_log WHERE seq = 4');
    const { db, log } = reopen();
    expect(log.verify()).toEqual({ ok: false, brokenAt: 4, reason: 'gap' });
    db.close();
  });

  it('(b) a deleted last row is caught by the head', () => {
    seeded(10);
    tamper('DELETE FROM audit_log WHERE seq = 10');
    const { db, log } = reopen();
    expect(log.verify()).toEqual({ ok: false, brokenAt: 10, reason: 'gap' });
    db.close();
  });

  it("(b) two rows' contents swapped (seqs and hashes kept) are detected", () => {
    seeded(10);
    const cols = 'at, user_id, user_role, action, patient_id, purpose, resource, detail, outcome';
    tamper(`
      CREATE TEMP TABLE keep AS SELECT seq, ${cols} FROM audit_log WHERE seq IN (3, 7);
      UPDATE audit_log SET (${cols}) = (SELECT ${cols} FROM keep WHERE keep.seq = 10 - audit_log.seq) WHERE seq IN (3, 7);
    `);
    const { db, log } = reopen();
    expect(log.entries().find((e) => e.seq === 3)?.patientId).toBe('p7');
    expect(log.verify()).toEqual({ ok: false, brokenAt: 3, reason: 'hash-mismatch' });
    db.close();
  });

  it('(b) a well-formed row appended around the log (head not moved) is detected by the head', () => {
    seeded(3);
    const db = new Database(file);
    const last = new AuditLog(db).entries().at(-1);
    if (!last) throw new Error('seeded rows missing');
    // Correctly chained, so only the head can tell it never went through AuditLog.append.
    const forged = chainEntry(last, { ...view('p-forged'), at: last.at + 1 });
    db.prepare(
      `INSERT INTO audit_log (seq, at, user_id, user_role, action, patient_id, purpose, resource, detail, outcome, prev_hash, hash)
       VALUES (@seq, @at, @userId, @userRole, @action, @patientId, @purpose, @resource, @detail, @outcome, @prevHash, @hash)`,
    ).run(forged);
    expect(verifyChain(new AuditLog(db).entries())).toEqual({ ok: true, count: 4 });
    expect(new AuditLog(db).verify()).toEqual({ ok: false, brokenAt: 4, reason: 'hash-mismatch' });
    db.close();
  });
});

describe('AuditLog: storing the minimum necessary', () => {
  it('stores ids and parameter names, and refuses free text, dates or phone numbers in detail', () => {
    const db = new Database(':memory:');
    audit003.up(db);
    const log = new AuditLog(db);
    log.append(search);
    log.append({ ...search, detail: 'family=Lopez birthdate=1990-04-02' });
    log.append({ ...search, detail: 'phone=+16175550123' });
    log.append({ ...view('x'), patientId: 'Maria Lopez', resource: 'Patient/Maria Lopez' });
    const [ok, text, phone, name] = log.entries();
    expect(ok?.detail).toBe('params=birthdate,family;results=2');
    expect(text?.detail).toBe('[redacted]');
    expect(phone?.detail).toBe('[redacted]');
    expect(name?.patientId).toBeNull();
    expect(name?.resource).toBe('[redacted]');
    expect(log.verify()).toEqual({ ok: true, count: 4 });
  });
});

describe('AuditLog: exports', () => {
  it('(c) exports CSV with a header, RFC 4180 quoting and the formula guard, and audits the export', () => {
    const db = new Database(':memory:');
    audit003.up(db);
    let now = Date.UTC(2026, 10, 22, 9, 0, 0);
    const log = new AuditLog(db, { now: () => (now += 1000) });
    log.append(view('p1'));
    log.append({ ...view('p2', '=HYPERLINK("x")'), userRole: 'nurse' });
    log.append(search);
    const csv = log.exportCsv({}, admin);
    const lines = csv.split('\r\n');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines[0]).toBe('seq,time,user_id,user_role,action,patient_id,purpose,resource,detail,outcome,prev_hash,hash');
    expect(lines[1]).toMatch(/^1,2026-11-22T09:00:01\.000Z,agent-ana,agent,view,p1,treatment,Patient\/p1,,success,0{64},[0-9a-f]{64}$/);
    // The formula is neutralized and, holding quotes, quoted with doubled quotes.
    expect(lines[2]).toContain(`,"'=HYPERLINK(""x"")",nurse,`);
    expect(lines[3]).toContain(',"params=birthdate,family;results=2",');
    expect(lines).toHaveLength(5);
    const exported = log.entries().at(-1);
    expect(exported).toMatchObject({ seq: 4, action: 'export', userId: 'sup-kim', purpose: 'operations', patientId: null, detail: 'format=csv;rows=3' });
    expect(log.verify()).toEqual({ ok: true, count: 4 });
  });

  it('filters by time range and records the range of an export', () => {
    const db = new Database(':memory:');
    audit003.up(db);
    let now = 1_000_000;
    const log = new AuditLog(db, { now: () => (now += 1000) });
    for (let i = 1; i <= 5; i++) log.append(view(`p${i}`));
    const csv = log.exportCsv({ from: 1_002_000, to: 1_004_000 }, admin);
    expect(csv.trim().split('\r\n')).toHaveLength(4);
    expect(log.entries().at(-1)?.detail).toBe('format=csv;rows=3;from=1002000;to=1004000');
  });

  it('guards every cell that a spreadsheet would run as a formula', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${lead}1+1`).replace(/^"/, '').startsWith(`'${lead}`)).toBe(true);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });

  it('(d) exports FHIR R4 AuditEvents that pass the Medplum validator, and audits the export', () => {
    indexMedplumDefinitions();
    const db = new Database(':memory:');
    audit003.up(db);
    const log = new AuditLog(db, { now: () => Date.UTC(2026, 10, 22, 9, 0, 0) });
    log.append(view('p1'));
    log.append(search);
    log.append({ userId: 'nurse-ben', userRole: 'nurse', action: 'write', patientId: 'p1', purpose: 'treatment', resource: 'Encounter', detail: 'result=written', outcome: 'success' });
    log.append({ ...view('p2'), outcome: 'failure', detail: 'error=ehr-unavailable' });
    log.exportCsv({}, admin);
    const events = log.exportAuditEvents({}, admin);
    expect(events).toHaveLength(5);
    for (const event of events) expect(() => validateResource(event), JSON.stringify(event)).not.toThrow();
    // The validator is live: an AuditEvent without its required source is refused.
    expect(() => validateResource({ ...events[0]!, source: undefined } as unknown as AuditEvent)).toThrow();

    const [read, query, create, failed, exported] = events;
    expect(read).toMatchObject({
      resourceType: 'AuditEvent',
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: 'read' }],
      action: 'R',
      recorded: '2026-11-22T09:00:00.000Z',
      outcome: '0',
      purposeOfEvent: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason', code: 'TREAT' }] }],
      agent: [{ who: { identifier: { system: 'urn:careline:user', value: 'agent-ana' } }, requestor: true, role: [{ text: 'agent' }] }],
      entity: [{ what: { reference: 'Patient/p1' } }],
    });
    expect(query).toMatchObject({ action: 'E', subtype: [{ code: 'search-type' }], entity: [{ description: 'params=birthdate,family;results=2' }] });
    expect(create).toMatchObject({ action: 'C', subtype: [{ code: 'create' }], entity: [{ what: { reference: 'Patient/p1' } }, { what: { display: 'Encounter' } }] });
    expect(failed?.outcome).toBe('4');
    expect(exported).toMatchObject({ type: { system: 'http://dicom.nema.org/resources/ontology/DCM', code: '110106' }, purposeOfEvent: [{ coding: [{ code: 'HOPERAT' }] }] });
    expect(log.entries().at(-1)).toMatchObject({ action: 'export', detail: 'format=fhir;rows=5' });
  });

  it('records sign-ins and sign-outs (after migration 9) as DICOM User Authentication events', () => {
    indexMedplumDefinitions();
    const db = new Database(':memory:');
    audit003.up(db);
    const log = new AuditLog(db, { now: () => Date.UTC(2026, 11, 5, 9, 0, 0) });
    log.append(view('p1')); // written before the table was rebuilt
    auditSignIn009.up(db);
    const signIn = { userId: 'nurse-ben', userRole: 'nurse', patientId: null, purpose: 'operations', resource: 'EHR', detail: '', outcome: 'success' } as const;
    log.append({ ...signIn, action: 'login' });
    log.append({ ...signIn, action: 'logout', detail: 'expired' });
    expect(log.verify()).toEqual({ ok: true, count: 3 });
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    const [, login, logout] = log.exportAuditEvents({}, admin);
    for (const event of [login, logout]) expect(() => validateResource(event!), JSON.stringify(event)).not.toThrow();
    expect(login).toMatchObject({ type: { code: '110114' }, subtype: [{ code: '110122', display: 'Login' }], action: 'E', purposeOfEvent: [{ coding: [{ code: 'HOPERAT' }] }] });
    expect(logout).toMatchObject({ subtype: [{ code: '110123', display: 'Logout' }], entity: [{ what: { display: 'EHR' }, description: 'expired' }] });
  });
});

describe('recordAudit: the audit never costs the user their work', () => {
  it('swallows a store failure and logs audit.write-failed without PHI', () => {
    const logger = createMemoryLogger();
    const failing = { record: () => { throw new Error('SQLITE_FULL: database or disk is full'); } };
    expect(() => recordAudit(failing, view('p1'), logger)).not.toThrow();
    expect(logger.lines).toHaveLength(1);
    expect(logger.lines[0]).toContain('"event":"audit.write-failed"');
    expect(logger.lines[0]).not.toContain('p1');
  });

  it('records to a memory sink for tests, and does nothing without one', () => {
    const sink = new MemoryAuditSink();
    recordAudit(sink, view('p1'), undefined);
    recordAudit(undefined, view('p2'), undefined);
    expect(sink.entries).toEqual([view('p1')]);
  });
});
