import { useState } from 'react';
import type { ContractError, OutboxItem } from '../../../../src-preload/contract';
import { useEvent, useInvoke } from '../../bridge';

export interface OutboxState {
  readonly items: readonly OutboxItem[];
  readonly loading: boolean;
  readonly error: ContractError | null;
}

/** The outbox as main reports it: listed once, then replaced by every `outbox.changed` push. */
export function useOutbox(): OutboxState {
  const listed = useInvoke('outbox.list', {});
  const [pushed, setPushed] = useState<readonly OutboxItem[] | null>(null);
  useEvent('outbox.changed', setPushed);
  return {
    items: pushed ?? listed.data ?? [],
    loading: pushed === null && listed.loading,
    error: pushed === null ? listed.error : null,
  };
}

export interface OutboxCounts {
  readonly pending: number;
  readonly failed: number;
}

/** Waiting (pending or being sent) and failed items; sent ones are history. */
export function outboxCounts(items: readonly OutboxItem[]): OutboxCounts {
  return {
    pending: items.filter((i) => i.state === 'pending' || i.state === 'sending').length,
    failed: items.filter((i) => i.state === 'failed').length,
  };
}
