import { Badge, Button, Group, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import type { EnvironmentStatus, OutboxItem } from '../../../../src-preload/contract';
import { type BridgeConnectionState, useBridge, useBridgeConnectionState } from '../../bridge';
import { AgentStateMenu } from '../agent-state';
import { EhrSessionControl } from '../ehr-session';
import { OutboxItemRow, outboxCounts, useOutbox } from '../outbox';
import { useSession } from '../session';

/**
 * The footer: the agent's own state (available, away...), is the EHR reachable, is the phone line ready, which host and mode this is, and what is waiting
 * in the outbox (with Retry). Everything an agent needs to know before saying "the system is down".
 */
export function StatusLine() {
  const { env } = useSession();
  const connection = useBridgeConnectionState();
  return (
    <Group h="100%" px="md" gap="lg" justify="space-between" wrap="nowrap" data-testid="status-line" role="status" aria-label="System status">
      <Group gap="lg" wrap="nowrap">
        <AgentStateMenu />
        <EhrStatus env={env} />
        <EhrSessionControl />
        <Group gap={6} data-testid="status-telephony" data-ready={env.telephony.ready}>
          <StatusDot color={env.telephony.ready ? 'green' : 'gray'} />
          <Text size="xs">
            {env.telephony.label}: {env.telephony.ready ? 'ready' : 'not ready'}
          </Text>
        </Group>
        {env.host === 'web-host' ? <BridgeStatus state={connection} /> : null}
        <Tooltip label={env.cache.message ?? 'Patient data kept between calls is encrypted on this workstation.'}>
          <Group gap={6} wrap="nowrap" data-testid="status-cache" data-mode={env.cache.mode} tabIndex={0}>
            <StatusDot color={env.cache.mode === 'encrypted' ? 'green' : 'yellow'} />
            <Text size="xs">{env.cache.mode === 'encrypted' ? 'Cache encrypted' : 'Cache in memory only'}</Text>
          </Group>
        </Tooltip>
      </Group>
      <Group gap="md" wrap="nowrap">
        <OutboxStatus />
        {env.mode === 'demo' ? (
          <Badge color="grape" variant="light" size="sm" data-testid="status-mode">
            Demo mode
          </Badge>
        ) : null}
        <Text size="xs" c="dimmed" data-testid="status-host">
          {env.host === 'electron' ? 'Desktop' : 'Web host (dev/test)'}
        </Text>
      </Group>
    </Group>
  );
}

interface EhrStatusProps {
  readonly env: EnvironmentStatus;
}

function EhrStatus(props: EhrStatusProps) {
  const { ehr } = props.env;
  const color = ehr.state === 'connected' ? 'green' : ehr.state === 'unreachable' ? 'red' : 'gray';
  const stateLabel = ehr.state === 'connected' ? 'connected' : ehr.state === 'unreachable' ? 'unreachable' : 'checking';
  return (
    <Tooltip label={ehr.message ?? ehr.baseUrl} disabled={!ehr.message && !ehr.baseUrl}>
      <Group gap={6} wrap="nowrap" maw={520} data-testid="status-ehr" data-state={ehr.state} tabIndex={0} aria-label={`EHR ${ehr.label}: ${stateLabel}`}>
        <StatusDot color={color} />
        {/* One line in the footer: the full reason is in the tooltip. */}
        <Text size="xs" truncate="end" c={ehr.state === 'unreachable' ? 'red.8' : undefined} fw={ehr.state === 'unreachable' ? 600 : undefined}>
          {ehr.label}: {stateLabel}
          {ehr.state === 'unreachable' && ehr.message ? ` — ${ehr.message}` : ''}
        </Text>
      </Group>
    </Tooltip>
  );
}

function BridgeStatus(props: { readonly state: BridgeConnectionState }) {
  const color = props.state === 'open' ? 'green' : props.state === 'closed' ? 'red' : 'orange';
  return (
    <Group gap={6} data-testid="status-bridge" data-state={props.state}>
      <StatusDot color={color} />
      <Text size="xs">Host connection: {props.state === 'open' ? 'connected' : props.state}</Text>
    </Group>
  );
}

function OutboxStatus() {
  const bridge = useBridge();
  const { items, error } = useOutbox();
  const [retrying, setRetrying] = useState<string | null>(null);
  const [retryError, setRetryError] = useState<string | null>(null);
  const { pending, failed } = outboxCounts(items);
  const open = items.filter((i) => i.state !== 'sent');
  const color = failed > 0 ? 'red' : pending > 0 ? 'yellow' : 'gray';

  const retry = async (item: OutboxItem) => {
    setRetrying(item.id);
    setRetryError(null);
    const result = await bridge.invoke('outbox.retry', { id: item.id });
    setRetrying(null);
    if (!result.ok) setRetryError(result.error.message);
  };

  return (
    <Popover position="top-end" width={420} shadow="md" withinPortal trapFocus returnFocus>
      <Popover.Target>
        <Button
          size="compact-xs"
          variant={failed > 0 ? 'light' : 'subtle'}
          color={color}
          data-testid="status-outbox"
          data-pending={pending}
          data-failed={failed}
        >
          Outbox: {pending} pending · {failed} failed
        </Button>
      </Popover.Target>
      <Popover.Dropdown data-testid="outbox-popover">
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            Documentation outbox
          </Text>
          {error ? (
            <Text size="xs" c="red">
              {error.message}
            </Text>
          ) : null}
          {retryError ? (
            <Text size="xs" c="red" role="alert">
              {retryError}
            </Text>
          ) : null}
          {open.length === 0 ? (
            <Text size="xs" c="dimmed">
              Nothing waiting: every documentation reached the EHR.
            </Text>
          ) : (
            open.map((item) => (
              <OutboxItemRow key={item.id} item={item} onRetry={(i) => void retry(i)} retrying={retrying === item.id} />
            ))
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

function StatusDot(props: { readonly color: string }) {
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        width: 8,
        height: 8,
        borderRadius: '50%',
        background: `var(--mantine-color-${props.color}-6)`,
      }}
    />
  );
}
