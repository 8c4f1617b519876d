import type { SlotSearchResult } from '../../src-preload/contract';

export type SchedulingErrorCode =
  | 'not-schedulable'
  | 'unknown-visit-type'
  | 'unknown-offer'
  | 'unknown-hold'
  | 'slot-taken'
  | 'not-permitted'
  | 'outside-window'
  | 'wrong-patient'
  | 'not-found';

/**
 * A scheduling request Careline refuses, with words the agent can act on. The IPC handler turns it into a
 * ContractFailure; `refreshed` (on 'slot-taken' from a hold) carries fresh offers so nothing is re-typed.
 */
export class SchedulingError extends Error {
  constructor(
    readonly code: SchedulingErrorCode,
    message: string,
    readonly refreshed: SlotSearchResult | null = null,
  ) {
    super(message);
    this.name = 'SchedulingError';
  }
}
