import { Radio, Stack, Text, TextInput } from '@mantine/core';
import { NO_VISIT_REASONS, NO_VISIT_TEXT_MAX, NoVisitReason, type NoVisitReasonCode } from '../../../../src-preload/contract';

export const NO_VISIT_LABELS: Record<NoVisitReasonCode, string> = {
  'caller-declined': 'Caller declined a visit',
  'will-call-back': 'Caller will call back to book',
  'booked-elsewhere': 'Booked elsewhere (urgent care, another clinic)',
  'no-slots': 'No slot within the window',
  other: 'Other (say why)',
};

/** What the agent has picked and typed so far (the reason is complete once `NoVisitReason` accepts it). */
export interface NoVisitDraft {
  readonly code: NoVisitReasonCode | null;
  readonly text: string;
}

export interface NoVisitReasonPickerProps {
  readonly dispositionLabel: string;
  readonly value: NoVisitDraft;
  readonly onChange: (value: NoVisitDraft) => void;
}

/**
 * The disposition called for a visit and none was booked on the call: say why before Finish (quick picks, arrow
 * keys in the group; words for the chart, required for "other"). Recorded with the call's wrap-up.
 */
export function NoVisitReasonPicker(props: NoVisitReasonPickerProps) {
  const { value } = props;
  return (
    <Stack gap={6} data-testid="no-visit-reason">
      <Radio.Group
        label="Why was no visit booked? (required)"
        description={`The disposition was "${props.dispositionLabel}" and no appointment was booked on this call.`}
        value={value.code}
        onChange={(code) => props.onChange({ ...value, code: code as NoVisitReasonCode })}
      >
        <Stack gap={6} mt={6}>
          {NO_VISIT_REASONS.map((code) => (
            <Radio key={code} value={code} label={NO_VISIT_LABELS[code]} data-testid={`no-visit-${code}`} />
          ))}
        </Stack>
      </Radio.Group>
      <TextInput
        label={value.code === 'other' ? 'Why (required)' : 'Details (optional)'}
        maxLength={NO_VISIT_TEXT_MAX}
        value={value.text}
        onChange={(event) => props.onChange({ ...value, text: event.currentTarget.value })}
        data-testid="no-visit-text"
      />
      {value.code === 'other' && noVisitReasonOf(value) === null ? (
        <Text size="xs" c="dimmed">
          Say in a few words why no visit was booked.
        </Text>
      ) : null}
    </Stack>
  );
}

/** The reason to record, or null while it is incomplete (the contract's own rule decides). */
export function noVisitReasonOf(draft: NoVisitDraft): NoVisitReason | null {
  if (!draft.code) return null;
  const parsed = NoVisitReason.safeParse({ code: draft.code, text: draft.text });
  return parsed.success ? parsed.data : null;
}
