import type { Bundle, Task } from '@medplum/fhirtypes';
import { describe, expect, it, vi } from 'vitest';
import { DocumentEncounterRequest, type User } from '../../src-preload/contract';
import { agent, feverRequest, nurse } from '../documentation/testing/documentRequests';
import { ContractFailure } from './ContractRouter';
import { type HandlerServices, createHandlers } from './handlers';

const supervisor: User = { id: 'sup-kim', displayName: 'Kim Park', role: 'supervisor' };
const request: DocumentEncounterRequest = { ...feverRequest, careAdvice: null };
const override = { from: 'home-care', to: 'seen-today', reason: 'Caller sounds more unwell than the answers say' } as const;

/** Only what encounter.document touches; every other service is unused here. */
function handlersFor(user: User) {
  const submitted: Bundle[] = [];
  const services = {
    session: { require: () => user },
    serviceLines: { get: () => undefined },
    outbox: {
      submit: vi.fn(async (bundle: Bundle) => {
        submitted.push(bundle);
        return { outcome: 'queued' as const, outboxId: request.draftId, reason: 'test' };
      }),
    },
    monitor: { check: vi.fn(async () => undefined) },
    calls: { recordEscalation: vi.fn(() => true) },
  } as unknown as HandlerServices;
  return { handlers: createHandlers(services), submitted, calls: services.calls as unknown as { recordEscalation: ReturnType<typeof vi.fn> } };
}

const context = { transport: 'test' } as const;

describe("encounter.document: scope of practice in main", () => {
  it('refuses an override from an agent or a supervisor, with a message the user can act on', async () => {
    for (const user of [agent, supervisor]) {
      const { handlers, submitted } = handlersFor(user);
      const attempt = handlers['encounter.document']({ ...request, override }, context);
      await expect(attempt).rejects.toThrow(ContractFailure);
      await expect(attempt).rejects.toMatchObject({ code: 'not-permitted', message: expect.stringContaining('Only a nurse may override') });
      expect(submitted).toHaveLength(0);
    }
  });

  it('accepts a nurse override and documents it', async () => {
    const { handlers, submitted } = handlersFor(nurse);
    await handlers['encounter.document']({ ...request, override }, context);
    expect(submitted).toHaveLength(1);
  });

  it('refuses an override without a real reason even if it slipped past the schema', async () => {
    const { handlers, submitted } = handlersFor(nurse);
    const attempt = handlers['encounter.document']({ ...request, override: { ...override, reason: '   short  ' } }, context);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid-payload' });
    expect(submitted).toHaveLength(0);
  });

  it("documents an agent's escalation as a Task in the same transaction", async () => {
    const { handlers, submitted } = handlersFor(agent);
    const escalated = DocumentEncounterRequest.parse({
      ...request,
      interview: { ...request.interview, protocols: [request.interview.protocols[0]], disposition: null },
      escalation: { route: 'nurse-callback', priority: 'urgent', suggestedPriority: 'routine', reason: '' },
    });
    await handlers['encounter.document'](escalated, context);
    const task = submitted[0]?.entry?.find((e) => e.resource?.resourceType === 'Task')?.resource as Task | undefined;
    expect(task?.priority).toBe('asap');
  });

  it('gives the call of a warm-transfer escalation its context id (the documentation id), and a callback none', async () => {
    const callId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    const escalation = (route: 'warm-transfer' | 'nurse-callback') =>
      DocumentEncounterRequest.parse({
        ...request,
        callId,
        interview: { ...request.interview, protocols: [request.interview.protocols[0]], disposition: null },
        escalation: { route, priority: 'urgent', suggestedPriority: 'urgent', reason: '' },
      });
    const callback = handlersFor(agent);
    await callback.handlers['encounter.document'](escalation('nurse-callback'), context);
    expect(callback.calls.recordEscalation).not.toHaveBeenCalled();
    const transfer = handlersFor(agent);
    await transfer.handlers['encounter.document'](escalation('warm-transfer'), context);
    expect(transfer.calls.recordEscalation).toHaveBeenCalledWith(callId, request.draftId);
  });

  it('takes a nurse note from a nurse only', async () => {
    for (const user of [agent, supervisor]) {
      const { handlers, submitted } = handlersFor(user);
      await expect(handlers['encounter.document']({ ...request, nurseNote: 'Seen last week' }, context)).rejects.toMatchObject({
        code: 'not-permitted',
        message: 'Only a nurse may add a nurse note.',
      });
      expect(submitted).toHaveLength(0);
    }
    const { handlers, submitted } = handlersFor(nurse);
    await handlers['encounter.document']({ ...request, nurseNote: 'Seen last week' }, context);
    expect(submitted).toHaveLength(1);
  });
});

describe('agent state and call log channels', () => {
  function agentHandlers(signedIn: boolean) {
    const agentState = { state: 'available', since: 1, awayReason: null, afterCallWorkEndsAt: null, awayReasons: ['Break'], pending: null };
    const services = {
      session: {
        require: () => {
          if (!signedIn) throw new ContractFailure('not-signed-in', 'Sign in first.');
          return agent;
        },
      },
      agent: {
        current: vi.fn(() => agentState),
        setState: vi.fn(() => ({ ...agentState, state: 'away', awayReason: 'Break' })),
      },
      callLog: { list: vi.fn(() => []), quality: vi.fn() },
    } as unknown as HandlerServices;
    return { handlers: createHandlers(services), services };
  }

  it('answers the signed-in agent', async () => {
    const { handlers, services } = agentHandlers(true);
    expect(await handlers['agent.state']({}, context)).toMatchObject({ state: 'available' });
    expect(await handlers['agent.setState']({ state: 'away', awayReason: 'Break' }, context)).toMatchObject({ state: 'away' });
    expect(services.agent.setState).toHaveBeenCalledWith({ state: 'away', awayReason: 'Break' });
    expect(await handlers['callLog.list']({}, context)).toEqual([]);
  });

  it('refuses everyone else', async () => {
    const { handlers, services } = agentHandlers(false);
    expect(() => handlers['agent.state']({}, context)).toThrow(/Sign in/);
    expect(() => handlers['agent.setState']({ state: 'available' }, context)).toThrow(/Sign in/);
    expect(() => handlers['callLog.list']({}, context)).toThrow(/Sign in/);
    expect(services.agent.setState).not.toHaveBeenCalled();
  });
});
