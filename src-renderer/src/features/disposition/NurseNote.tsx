import { Textarea } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useRef } from 'react';
import { NURSE_NOTE_MAX } from '../../../../src-preload/contract';
import { Shortcut } from '../../ui';

export const NURSE_NOTE_HOTKEY = 'Alt+N';

export interface NurseNoteProps {
  readonly value: string;
  readonly disabled: boolean;
  readonly onChange: (note: string) => void;
}

/**
 * The nurse's own words for the chart (what the protocol's answers do not say: how the caller sounded, what was
 * agreed). Documented with the interview; kept in the call session, so a draft keeps it. Alt+N jumps here.
 */
export function NurseNote(props: NurseNoteProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useHotkeys([[NURSE_NOTE_HOTKEY, () => ref.current?.focus(), { usePhysicalKeys: true }]], [], true);
  return (
    <Textarea
      ref={ref}
      label={
        <>
          Nurse note <Shortcut keys={NURSE_NOTE_HOTKEY} />
        </>
      }
      description={`For the chart, documented with this call (${props.value.length}/${NURSE_NOTE_MAX}).`}
      autosize
      minRows={2}
      maxRows={6}
      maxLength={NURSE_NOTE_MAX}
      value={props.value}
      disabled={props.disabled}
      onChange={(event) => props.onChange(event.currentTarget.value)}
      data-testid="nurse-note"
      aria-keyshortcuts="Alt+N"
    />
  );
}
