import { Button, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { type DispositionId, disposition } from '../../../../src-preload/contract';

export interface NextActionsProps {
  readonly dispositionId: DispositionId;
  /** Agents hand calls to nurses; a nurse has no one to transfer to. */
  readonly offerTransfer: boolean;
}

/**
 * What to do after the disposition. Only what exists is enabled: scheduling (issue 6), transfers (issue 4,
 * telephony) and paging are not built, so their buttons say so instead of pretending. For "call 911" the
 * script is shown big: it is the only thing that matters on that call.
 */
export function NextActions(props: NextActionsProps) {
  const d = disposition(props.dispositionId);
  return (
    <Stack gap="sm" data-testid="next-actions">
      {d.id === 'call-911' ? (
        <Paper p="lg" data-testid="script-911" role="alert" bg="red.7" c="white" aria-label="911 script">
          <Stack gap={6}>
            <Title order={3} size="h3" c="white">
              911 script: read it now
            </Title>
            <Text fz={22} fw={700} lh={1.35}>
              {d.script}
            </Text>
            <Text size="sm">
              Stay on the line until the caller confirms they are calling 911 (or emergency services answer). Give the
              address if they cannot.
            </Text>
          </Stack>
        </Paper>
      ) : null}
      <Group gap="xs">
        <NotBuilt label="Schedule" why="Coming with scheduling, issue 6" testId="action-schedule" />
        {props.offerTransfer ? (
          <NotBuilt label="Transfer to nurse" why="Needs the softphone (issue 4)" testId="action-transfer" />
        ) : null}
        <NotBuilt label="Page on-call" why="Paging the on-call provider is not built yet" testId="action-page" />
      </Group>
    </Stack>
  );
}

function NotBuilt(props: { readonly label: string; readonly why: string; readonly testId: string }) {
  return (
    <Tooltip label={props.why}>
      {/* A disabled button gets no pointer events: the wrapper carries the tooltip and the reason. */}
      <span>
        <Button variant="default" disabled data-testid={props.testId} aria-description={props.why}>
          {props.label} <Text span size="xs" c="dimmed" ml={6}>· {props.why}</Text>
        </Button>
      </span>
    </Tooltip>
  );
}
