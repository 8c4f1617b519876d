import { Alert, Stack, Text } from '@mantine/core';
import type { DocumentEncounterResult } from '../../../../src-preload/contract';
import { OutboxItemRow, useOutbox } from '../outbox';

export interface DocumentResultProps {
  readonly result: DocumentEncounterResult;
}

/** Where the documentation went: written to the EHR (with the encounter id), or saved in the outbox for retry. */
export function DocumentResult(props: DocumentResultProps) {
  const { result } = props;
  const { items } = useOutbox();
  if (result.outcome === 'written') {
    return (
      <Alert color="green" variant="light" title="Documented in the EHR" data-testid="document-result" data-outcome="written">
        <Text size="sm">
          Encounter <Text span ff="monospace" data-testid="document-encounter-id">{result.encounterId}</Text> was written.
        </Text>
      </Alert>
    );
  }
  const item = items.find((i) => i.id === result.outboxId);
  return (
    <Alert color="yellow" variant="light" title="Not in the EHR yet: kept in the outbox" data-testid="document-result" data-outcome="queued" role="status">
      <Stack gap="xs">
        <Text size="sm">Saved for retry: {result.reason}</Text>
        <Text size="xs" c="dimmed">
          Careline keeps trying in the background; the status line shows the outbox.
        </Text>
        {item ? <OutboxItemRow item={item} /> : null}
      </Stack>
    </Alert>
  );
}
