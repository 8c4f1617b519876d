import type { ContractError } from '../../src-preload/contract';
import { ContractFailure } from './ContractRouter';
import type { SchedulingDesk } from './schedulingHandlers';
import { SchedulingError, type SchedulingErrorCode } from '../scheduling/SchedulingError';
import type { SchedulingService } from '../scheduling/SchedulingService';
import type { WaitlistService } from '../scheduling/WaitlistService';

/** How a refused scheduling request crosses the process boundary (the message is already the agent's words). */
const CONTRACT_CODES: Record<SchedulingErrorCode, ContractError['code']> = {
  'not-schedulable': 'invalid-payload',
  'unknown-visit-type': 'invalid-payload',
  'outside-window': 'invalid-payload',
  'wrong-patient': 'invalid-payload',
  'unknown-offer': 'not-found',
  'unknown-hold': 'not-found',
  'not-found': 'not-found',
  'slot-taken': 'conflict',
  'not-permitted': 'not-permitted',
};

async function refused<T>(work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SchedulingError) throw new ContractFailure(CONTRACT_CODES[error.code], error.message);
    throw error;
  }
}

/**
 * The scheduling channels' view of the scheduling and waitlist services: values only (the handlers audit
 * from the request) and SchedulingError turned into a contract error.
 */
export function schedulingDesk(scheduling: SchedulingService, waitlist: WaitlistService): SchedulingDesk {
  return {
    visitTypes: (dispositionId) => refused(() => scheduling.visitTypes(dispositionId)),
    directory: () => refused(() => scheduling.directory()),
    search: (request) => refused(async () => (await scheduling.search(request)).value),
    hold: (patientId, offerId) => refused(() => scheduling.hold(patientId, offerId)),
    release: (holdId) => refused(() => scheduling.release(holdId)),
    book: (request, user) => refused(async () => (await scheduling.book(request, { role: user.role })).value),
    appointments: (patientId) => refused(async () => (await scheduling.appointments(patientId)).value),
    cancel: (request) => refused(async () => (await scheduling.cancel(request)).value),
    reschedule: (request, user) => refused(async () => (await scheduling.reschedule(request, { role: user.role })).value),
    massReschedulePlan: (request, user) => refused(async () => (await scheduling.massReschedulePlan(request, { role: user.role })).value),
    waitlist: () => waitlist.list(),
    addToWaitlist: (request) => refused(async () => (await waitlist.add(request)).value),
    removeFromWaitlist: (id) => refused(() => waitlist.remove(id)),
  };
}
