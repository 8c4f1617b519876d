import type { Bundle } from '@medplum/fhirtypes';
import { describe, expect, it, vi } from 'vitest';
import type { User } from '../../src-preload/contract';
import { MemoryDraftStore } from '../documentation/DraftStore';
import { feverRequest, nurse } from '../documentation/testing/documentRequests';
import { type HandlerServices, createHandlers } from './handlers';

const other: User = { id: 'nurse-sam', displayName: 'Sam Ortiz', role: 'nurse' };
const context = { transport: 'test' } as const;
const DRAFT = '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a';

function setup() {
  let user: User = nurse;
  const drafts = new MemoryDraftStore();
  const services = {
    session: { require: () => user },
    serviceLines: { get: () => undefined },
    drafts,
    outbox: { submit: vi.fn(async (_bundle: Bundle) => ({ outcome: 'written' as const, outboxId: feverRequest.draftId })) },
    monitor: { check: vi.fn(async () => undefined) },
  } as unknown as HandlerServices;
  return { handlers: createHandlers(services), drafts, as: (u: User) => (user = u) };
}

const save = { draftId: DRAFT, patientId: 'pat-1', label: 'Maria Lopez · interview in progress', step: 'interview' as const, snapshot: { value: { workflow: 'interview' } } };

describe('draft handlers', () => {
  it('saves, lists and loads a draft for its owner only', async () => {
    const { handlers, as } = setup();
    await handlers['draft.save'](save, context);
    expect(await handlers['draft.list']({}, context)).toEqual([expect.objectContaining({ draftId: DRAFT, label: save.label, step: 'interview' })]);
    expect((await handlers['draft.load']({ draftId: DRAFT }, context)).snapshot).toEqual(save.snapshot);
    as(other);
    expect(await handlers['draft.list']({}, context)).toEqual([]);
    await expect(async () => handlers['draft.load']({ draftId: DRAFT }, context)).rejects.toMatchObject({ code: 'not-found' });
    await expect(async () => handlers['draft.save'](save, context)).rejects.toMatchObject({ code: 'not-permitted' });
  });

  it('refuses a draft over the size bound, and discards with a reason', async () => {
    const { handlers, drafts } = setup();
    await expect(async () => handlers['draft.save']({ ...save, snapshot: 'x'.repeat(1024 * 1024 + 1) }, context)).rejects.toMatchObject({ code: 'invalid-payload' });
    await handlers['draft.save'](save, context);
    await handlers['draft.discard']({ draftId: DRAFT, reason: 'Duplicate of a documented call' }, context);
    expect(drafts.get(DRAFT)).toBeUndefined();
  });

  it('deletes the draft once its documentation is in the outbox', async () => {
    const { handlers, drafts } = setup();
    await handlers['draft.save']({ ...save, draftId: feverRequest.draftId }, context);
    await handlers['encounter.document']({ ...feverRequest }, context);
    expect(drafts.get(feverRequest.draftId)).toBeUndefined();
  });
});
