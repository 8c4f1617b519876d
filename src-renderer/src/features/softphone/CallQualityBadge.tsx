import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import type { CallQuality } from '../../../../src-preload/contract';
import { GRADE_COLORS, GRADE_WORDS, gradeOf, qualityDetails } from './qualityWords';

export interface CallQualityBadgeProps {
  /** From useCallQuality(callId); null before the first measurement. */
  readonly quality: CallQuality | null;
}

/** "Good / Fair / Poor" for the call's audio, with the measures behind it in the tooltip. */
export function CallQualityBadge(props: CallQualityBadgeProps) {
  const grade = gradeOf(props.quality?.mos ?? null);
  const details = qualityDetails(props.quality);
  const words = GRADE_WORDS[grade];
  return (
    <Tooltip
      // Focus too, so keyboard users get the details (Mantine opens tooltips on hover only by default).
      events={{ hover: true, focus: true, touch: true }}
      multiline
      w={280}
      label={
        <Stack gap={2}>
          {details.map((line) => (
            <Text key={line} size="xs">
              {line}
            </Text>
          ))}
        </Stack>
      }
    >
      <Badge
        color={GRADE_COLORS[grade]}
        variant="light"
        tabIndex={0}
        role="status"
        aria-label={`Call quality: ${words}. ${details.join('. ')}`}
        data-testid="call-quality"
        data-grade={grade}
      >
        Audio: {words}
      </Badge>
    </Tooltip>
  );
}
