import { describe, expect, it, vi } from 'vitest';
import type { BookingResult, SlotSearchResult, User } from '../../src-preload/contract';
import { MemoryAuditSink } from '../audit/AuditLog';
import { createMemoryLogger } from '../log/logger';
import { type HandlerServices, createHandlers } from './handlers';
import type { SchedulingDesk } from './schedulingHandlers';

const context = { transport: 'test' } as const;
const agent: User = { id: 'agent-alex', displayName: 'Alex Rivera', role: 'agent' };
const nurse: User = { id: 'nurse-jordan', displayName: 'Jordan Lee', role: 'nurse', credentials: 'RN' };
const supervisor: User = { id: 'supervisor-sam', displayName: 'Sam Patel', role: 'supervisor' };
const HOLD = '0b6b7c1e-7d1f-4a43-9c55-2f7d3f1b9a10';
const KEY = '6f1d1c1e-7d1f-4a43-9c55-2f7d3f1b9a11';

const emptySearch: SlotSearchResult = {
  visitType: { id: 'sick', label: 'Sick visit', durationMinutes: 20, telehealth: 'allowed', steps: ['Sick visit'] },
  window: { from: 1, to: 2, label: 'Within 4 hours' },
  offers: [],
  exclusions: [],
  noneInWindow: null,
  considered: 12,
  searchedAt: 1,
};

function setup(user: User, desk: Partial<SchedulingDesk> = {}) {
  const audit = new MemoryAuditSink();
  const scheduling = {
    search: vi.fn(async () => emptySearch),
    book: vi.fn(async (): Promise<BookingResult> => ({ outcome: 'conflict', message: 'taken', refreshed: emptySearch })),
    massReschedulePlan: vi.fn(async () => ({ affected: [], notify: [] })),
    waitlist: vi.fn(() => [{ id: HOLD, patientId: 'pat-9' }]),
    removeFromWaitlist: vi.fn(async () => undefined),
    ...desk,
  } as unknown as SchedulingDesk;
  const services = {
    session: { require: () => user },
    monitor: { check: vi.fn(async () => undefined) },
    audit,
    logger: createMemoryLogger(),
    scheduling,
  } as unknown as HandlerServices;
  return { handlers: createHandlers(services), audit, scheduling };
}

const booking = (outsideWindowReason: string | null) => ({
  holdId: HOLD,
  patientId: 'pat-1',
  idempotencyKey: KEY,
  reason: 'Fever and cough',
  callId: null,
  dispositionId: 'seen-today' as const,
  outsideWindowReason,
  sendConfirmation: true,
});

describe('schedule.* and waitlist.* handlers', () => {
  it('audit a slot search as a read of the patient, with counts and never the preferences', async () => {
    const { handlers, audit } = setup(agent);
    await handlers['schedule.search']({ patientId: 'pat-1', dispositionId: 'seen-today', visitTypeId: 'sick', preferences: { language: 'es' }, limit: 10 }, context);
    expect(audit.entries).toEqual([
      { userId: agent.id, userRole: 'agent', purpose: 'treatment', action: 'search', resource: 'Slot', patientId: 'pat-1', detail: 'visitType=sick;offers=0;considered=12', outcome: 'success' },
    ]);
  });

  it('let only a nurse book later than the disposition allows, and audit every booking with its outcome', async () => {
    const byAgent = setup(agent);
    await expect(byAgent.handlers['schedule.book'](booking('Caller cannot come before Monday'), context)).rejects.toMatchObject({ code: 'not-permitted' });
    expect(byAgent.scheduling.book).not.toHaveBeenCalled();
    await byAgent.handlers['schedule.book'](booking(null), context);
    expect(byAgent.audit.entries.at(-1)).toMatchObject({ action: 'write', resource: 'Appointment', patientId: 'pat-1', detail: 'book;outcome=conflict' });

    const byNurse = setup(nurse);
    await byNurse.handlers['schedule.book'](booking('Caller cannot come before Monday'), context);
    expect(byNurse.scheduling.book).toHaveBeenCalledOnce();
  });

  it('keep the mass reschedule plan to supervisors', async () => {
    const request = { scope: { kind: 'provider' as const, providerId: 'role-0001' }, from: 1, to: 2, reason: 'Out sick' };
    await expect(setup(agent).handlers['schedule.massReschedulePlan'](request, context)).rejects.toMatchObject({ code: 'not-permitted' });
    const { handlers, audit } = setup(supervisor);
    expect(await handlers['schedule.massReschedulePlan'](request, context)).toEqual({ affected: [], notify: [] });
    expect(audit.entries.at(-1)).toMatchObject({ action: 'search', resource: 'Appointment', patientId: null, detail: 'scope=provider;affected=0;unplaced=0' });
  });

  it('refuse to remove an unknown waitlist entry, and audit a removal against its patient', async () => {
    const { handlers, audit, scheduling } = setup(agent);
    await expect(handlers['waitlist.remove']({ id: KEY }, context)).rejects.toMatchObject({ code: 'not-found' });
    await handlers['waitlist.remove']({ id: HOLD }, context);
    expect(scheduling.removeFromWaitlist).toHaveBeenCalledWith(HOLD, agent);
    expect(audit.entries.at(-1)).toMatchObject({ action: 'write', resource: 'Waitlist', patientId: 'pat-9', detail: 'remove' });
  });

  it('say scheduling is not available when the workstation has none', async () => {
    const services = { session: { require: () => agent }, monitor: { check: vi.fn() } } as unknown as HandlerServices;
    await expect(createHandlers(services)['schedule.directory']({}, context)).rejects.toMatchObject({ code: 'internal', message: 'Scheduling is not available on this workstation.' });
  });
});
