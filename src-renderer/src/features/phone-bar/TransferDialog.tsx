import { Alert, Badge, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { DirectoryEntry } from '../../../../src-preload/contract';
import { useInvoke } from '../../bridge';
import { OptionList } from '../../ui';

const KIND_LABELS: Record<DirectoryEntry['kind'], string> = {
  agent: 'Agent',
  'nurse-queue': 'Nurse queue',
  'on-call': 'On-call pager',
  external: 'External',
  emergency: 'Emergency',
};

export interface TransferDialogProps {
  readonly opened: boolean;
  readonly onClose: () => void;
  /** Transfer now: the caller is sent to the target and we leave the call. */
  readonly onBlind: (target: string) => Promise<string | null>;
  /** Consult first: the caller waits on hold while we speak to the target. */
  readonly onConsult: (target: string) => Promise<string | null>;
}

/**
 * Transfer with the site's directory (agents, nurse queue, on-call pagers, external numbers) or any number.
 * Keyboard: type to filter; in the field Enter = consult first, Alt+Enter = transfer now; Tab to the list,
 * arrows to pick, Enter = consult that entry.
 */
export function TransferDialog(props: TransferDialogProps) {
  const directory = useInvoke('directory.list', props.opened ? {} : null);
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const entries = (directory.data ?? []).filter((e) => `${e.label} ${e.target} ${KIND_LABELS[e.kind]}`.toLowerCase().includes(query.trim().toLowerCase()));
  const chosen = entries.find((e) => e.id === selected) ?? (entries.length === 1 ? entries[0] : undefined);
  // A picked directory entry wins; otherwise what was typed is dialed as is.
  const exact = chosen?.target ?? query.trim();

  const run = async (action: (target: string) => Promise<string | null>, target: string) => {
    if (!target) return setError('Choose someone from the directory or type a number.');
    setBusy(true);
    const failure = await action(target);
    setBusy(false);
    if (failure) return setError(failure);
    setQuery('');
    setSelected(null);
    setError(null);
    props.onClose();
  };

  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Transfer the call" size="lg" data-testid="transfer-dialog">
      <Stack gap="sm">
        <TextInput
          label="Number, SIP address or name"
          placeholder="e.g. nurse line, +16175550100"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void run(e.altKey ? props.onBlind : props.onConsult, exact);
          }}
          data-autofocus
          data-testid="transfer-target"
        />
        {entries.length > 0 ? (
          <OptionList
            label="Directory"
            data-testid="transfer-directory"
            optionTestId="transfer-entry"
            items={entries}
            getKey={(entry) => entry.id}
            selectedKey={selected}
            onSelect={(entry) => setSelected(entry.id)}
            onConfirm={(entry) => void run(props.onConsult, entry.target)}
            renderItem={(entry) => (
              <Group gap="xs" wrap="nowrap" p={4}>
                <Badge size="xs" variant="light">
                  {KIND_LABELS[entry.kind]}
                </Badge>
                <Text size="sm">{entry.label}</Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {entry.target}
                </Text>
              </Group>
            )}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {directory.loading ? 'Loading the directory…' : 'No directory entry matches; the number typed will be called.'}
          </Text>
        )}
        {error ? (
          <Alert color="red" role="alert" data-testid="transfer-error">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void run(props.onBlind, exact)} loading={busy} data-testid="transfer-blind">
            Transfer now
          </Button>
          <Button onClick={() => void run(props.onConsult, exact)} loading={busy} data-testid="transfer-consult">
            Consult first
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
