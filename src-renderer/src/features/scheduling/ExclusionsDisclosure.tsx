import { Button, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useId } from 'react';
import type { SchedulingExclusion } from '../../../../src-preload/contract';
import { TableHead } from './TableHead';

export interface ExclusionsDisclosureProps {
  readonly exclusions: readonly SchedulingExclusion[];
  /** How many candidate slots were looked at. */
  readonly considered: number;
}

/** "Why not others?": every rule that removed candidates, so the agent can answer "why not Dr Kim?". */
export function ExclusionsDisclosure(props: ExclusionsDisclosureProps) {
  const [opened, { toggle }] = useDisclosure(false);
  const regionId = useId();
  if (props.exclusions.length === 0) return null;
  const sorted = [...props.exclusions].sort((a, b) => b.slots - a.slots);
  return (
    <Stack gap={4}>
      <Button
        variant="subtle"
        size="compact-sm"
        w="fit-content"
        onClick={toggle}
        aria-expanded={opened}
        aria-controls={regionId}
        data-testid="why-not-others"
      >
        {opened ? 'Hide why not others' : `Why not others? (${props.exclusions.length} rules, ${props.considered} slots considered)`}
      </Button>
      {/* Rendered only when open: a closed disclosure has nothing for a screen reader to wander into. */}
      {opened ? (
        <Table id={regionId} fz="xs" verticalSpacing={2} data-testid="exclusions" aria-label="Excluded candidates">
          <TableHead columns={['Rule', 'Applies to', 'Why', 'Slots']} />
          <Table.Tbody>
            {sorted.map((e) => (
              <Table.Tr key={`${e.rule}-${e.subject ?? ''}-${e.message}`} data-testid="exclusion-row">
                <Table.Td>{e.rule}</Table.Td>
                <Table.Td>{e.subject ?? <Text span size="xs" c="dimmed">the request</Text>}</Table.Td>
                <Table.Td>{e.message}</Table.Td>
                <Table.Td>{e.slots}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}
