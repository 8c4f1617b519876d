import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { DraftSummary } from '../../../../src-preload/contract';
import { useBridge, useInvoke } from '../../bridge';
import { formatDateTime } from '../../ui';
import { useDraftRecovery } from './DraftRecovery';

const DISCARD_REASON_MIN = 10;

/**
 * Documentation that was not finished when Careline closed (a crash, a reload): shown on the idle screen until
 * it is resumed and documented, or discarded with a reason.
 */
export function RecoveredDrafts() {
  const bridge = useBridge();
  const recovery = useDraftRecovery();
  const drafts = useInvoke('draft.list', {});
  const [error, setError] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState<DraftSummary | null>(null);
  const [reason, setReason] = useState('');
  const list = (drafts.data ?? []).filter((d) => !recovery?.liveDraftIds.has(d.draftId));
  if (list.length === 0 && !error) return null;

  const resume = async (draftId: string) => {
    if (!recovery) return;
    setError(await recovery.resume(draftId));
  };
  const discard = async () => {
    if (!discarding) return;
    const result = await bridge.invoke('draft.discard', { draftId: discarding.draftId, reason: reason.trim() });
    if (!result.ok) return setError(result.error.message);
    setDiscarding(null);
    setReason('');
    drafts.reload();
  };

  return (
    <Alert color="yellow" title="Unfinished documentation" data-testid="recovered-drafts">
      <Stack gap="xs">
        <Text size="sm">Careline closed before this was documented. Resume to finish it, or discard it with a reason.</Text>
        {list.map((draft) => (
          <Group key={draft.draftId} justify="space-between" wrap="nowrap" data-testid="recovered-draft">
            <Text size="sm">
              {draft.label} <Text span c="dimmed" size="xs">saved {formatDateTime(draft.savedAt)}</Text>
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Button size="xs" onClick={() => void resume(draft.draftId)} data-testid="resume-draft">
                Resume
              </Button>
              <Button size="xs" variant="default" onClick={() => setDiscarding(draft)} data-testid="discard-draft">
                Discard…
              </Button>
            </Group>
          </Group>
        ))}
        {error ? (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        ) : null}
      </Stack>
      <Modal opened={discarding !== null} onClose={() => setDiscarding(null)} title="Discard unfinished documentation">
        <Stack gap="sm">
          <Textarea
            label="Why is it not needed? (at least 10 characters)"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-autofocus
            data-testid="discard-reason"
          />
          <Group justify="flex-end">
            <Button color="red" disabled={reason.trim().length < DISCARD_REASON_MIN} onClick={() => void discard()} data-testid="confirm-discard">
              Discard
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Alert>
  );
}
