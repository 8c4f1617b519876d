import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import type { User } from '../../src-preload/contract';
import { AuditLog } from '../audit/AuditLog';
import { agent, nurse } from '../documentation/testing/documentRequests';
import { migrate } from '../storage/migrations';
import { MIGRATIONS } from '../storage/migrations/index';
import { type HandlerServices, createHandlers } from './handlers';

const supervisor: User = { id: 'sup-kim', displayName: 'Kim Park', role: 'supervisor' };
const context = { transport: 'test' } as const;

function setup(user: User) {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  const audit = new AuditLog(db);
  audit.record({ userId: nurse.id, userRole: 'nurse', action: 'view', patientId: 'pat-1', purpose: 'treatment', resource: 'Patient/pat-1', detail: 'view=chart', outcome: 'success' });
  const handlers = createHandlers({ session: { require: () => user }, audit } as unknown as HandlerServices);
  return { handlers, audit, db };
}

describe('audit.export', () => {
  it('gives a supervisor the access log as CSV or FHIR AuditEvents, verifies the chain, and audits the export', async () => {
    const { handlers, audit } = setup(supervisor);
    const csv = await handlers['audit.export']({ format: 'csv' }, context);
    expect(csv).toMatchObject({ rows: 1, chainIntact: true });
    expect(csv.content.split('\r\n')[1]).toContain('pat-1');
    const fhir = await handlers['audit.export']({ format: 'fhir-auditevent' }, context);
    const events = JSON.parse(fhir.content) as Array<{ resourceType: string }>;
    expect(events.every((e) => e.resourceType === 'AuditEvent')).toBe(true);
    expect(audit.entries({}).filter((e) => e.action === 'export')).toHaveLength(2);
  });

  it('refuses agents and nurses', async () => {
    for (const user of [agent, nurse]) {
      const { handlers } = setup(user);
      await expect(async () => handlers['audit.export']({ format: 'csv' }, context)).rejects.toMatchObject({ code: 'not-permitted' });
    }
  });
});
