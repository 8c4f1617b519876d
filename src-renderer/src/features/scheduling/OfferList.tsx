import { Badge, Box, Group, List, Stack, Text } from '@mantine/core';
import type { KeyboardEvent, Ref } from 'react';
import type { SlotOffer } from '../../../../src-preload/contract';
import { OptionList, nextIndex } from '../../ui';
import { formatClinicTime, formatDistance, visitPlace } from './schedulingFormat';

export interface OfferListProps {
  readonly offers: readonly SlotOffer[];
  readonly selectedOfferId: string | null;
  readonly onSelect: (offer: SlotOffer) => void;
  /** Enter (or double click) on the selected offer: hold it. */
  readonly onHold: (offer: SlotOffer) => void;
  readonly heldOfferId: string | null;
  readonly workstationZone?: string;
  readonly ref?: Ref<HTMLDivElement>;
}

/**
 * The ranked offers as a listbox: ↑/↓ or j/k move, 1–9 pick, Enter holds. Each offer shows its reasons, because
 * the agent reads them to the caller ("with your own doctor", "a video visit, no travel").
 */
export function OfferList({ ref, ...props }: OfferListProps) {
  const { offers, selectedOfferId, onSelect } = props;
  // j/k as in every keyboard-driven list; the listbox itself handles the arrows, Home/End, 1–9 and Enter.
  const onKeyDownCapture = (event: KeyboardEvent<HTMLDivElement>) => {
    const arrow = vimKey(event);
    if (!arrow) return;
    const current = offers.findIndex((o) => o.offerId === selectedOfferId);
    const target = nextIndex(arrow, current, offers.length);
    const offer = target === null ? undefined : offers[target];
    if (offer) {
      event.preventDefault();
      event.stopPropagation();
      onSelect(offer);
    }
  };
  return (
    <Box onKeyDownCapture={onKeyDownCapture}>
      <OptionList
        ref={ref}
        items={offers}
        getKey={(o) => o.offerId}
        selectedKey={selectedOfferId}
        onSelect={onSelect}
        onConfirm={props.onHold}
        label="Offered appointments, best first"
        data-testid="offer-list"
        optionTestId="offer-row"
        renderItem={(offer) => <OfferRow offer={offer} held={offer.offerId === props.heldOfferId} workstationZone={props.workstationZone} />}
      />
    </Box>
  );
}

function vimKey(event: KeyboardEvent): 'ArrowDown' | 'ArrowUp' | null {
  if (event.altKey || event.ctrlKey || event.metaKey) return null;
  if (event.key === 'j') return 'ArrowDown';
  if (event.key === 'k') return 'ArrowUp';
  return null;
}

interface OfferRowProps {
  readonly offer: SlotOffer;
  readonly held: boolean;
  readonly workstationZone?: string | undefined;
}

export function OfferRow(props: OfferRowProps) {
  const { offer } = props;
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm">
      <Badge variant="filled" size="lg" circle aria-label={`Rank ${offer.rank}`} style={{ flexShrink: 0 }}>
        {offer.rank}
      </Badge>
      <Stack gap={2} style={{ flex: 1 }}>
        {offer.visits.map((visit, i) => {
          const distance = formatDistance(visit.distanceKm);
          return (
            <Box key={`${visit.start}-${i}`}>
              <Group gap={6}>
                <Text fw={700} size="sm" data-testid="offer-time">
                  {formatClinicTime(visit.start, visit.timeZone, props.workstationZone)}
                </Text>
                {offer.visits.length > 1 ? <Badge variant="outline" size="sm">{`Step ${i + 1}: ${visit.visitTypeLabel}`}</Badge> : null}
                {props.held ? (
                  <Badge color="orange" size="sm">
                    Held
                  </Badge>
                ) : null}
              </Group>
              <Text size="sm">
                {visit.providerName} · {visitPlace(visit)}
                {distance && visit.mode === 'in-person' ? ` · ${distance}` : ''}
                {visit.resources.length > 0 ? ` · ${visit.resources.join(', ')}` : ''}
              </Text>
            </Box>
          );
        })}
        <List size="xs" c="dimmed" spacing={0} data-testid="offer-reasons" aria-label="Why this offer">
          {offer.reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
      </Stack>
    </Group>
  );
}
