import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { RecordedAnswer } from '../../../../src-preload/contract';
import { RED_FLAG_PROTOCOL_ID, useCallSession, useCallSessionActor } from '../call-session';
import { useSymptomCheck } from '../symptom-checker';
import { RED_FLAG_IDS, useRedFlagScreen } from './useRedFlagScreen';

/**
 * The caller's words, typed while the chart is still being found: a red flag in them is asked at once, before
 * identity is verified (identity can wait; a stroke cannot). "Yes" opens the emergency path; "No" lets the call go
 * on (the red-flag screen still asks it again in the interview: nothing is pre-answered "no"). The words carry
 * over to the reason step.
 */
export function CallerWordsFirst() {
  const actor = useCallSessionActor();
  const said = useCallSession((s) => s.context.callerSaid ?? '');
  const [text, setText] = useState(said);
  const [clearedIds, setCleared] = useState<ReadonlySet<string>>(new Set());
  const screen = useRedFlagScreen();
  const screens = useMemo(() => (screen ? [screen] : []), [screen]);
  const { check } = useSymptomCheck(text, RED_FLAG_IDS, screens);
  const raised = useMemo(
    () =>
      (check?.redFlags ?? [])
        .filter((f) => !clearedIds.has(f.findingId))
        .map((f) => {
          const ref = f.questions.find((q) => q.protocolId === RED_FLAG_PROTOCOL_ID);
          const question = ref ? screen?.questions.find((q) => q.id === ref.questionId) : undefined;
          return { flag: f, questionId: question?.id ?? null, question: question?.text ?? ref?.questionText ?? `Is this happening now: ${f.label.toLowerCase()}?` };
        }),
    [check, clearedIds, screen],
  );

  const update = (value: string) => {
    setText(value);
    actor.send({ type: 'CALLER.SAID', text: value });
  };
  // The caller's Yes is the red-flag screen's answer, asked by the agent: documented with the emergency.
  const emergency = (label: string, evidence: string, questionId: string | null, question: string) =>
    actor.send({
      type: 'EMERGENCY.OPEN',
      because: `${label}: "${evidence}"`,
      answers: questionId ? [confirmedRedFlag(questionId, question)] : [],
    });

  return (
    <Stack gap="xs" data-testid="caller-words-first">
      <Textarea
        label="What is happening? (the caller's words, while you find the chart)"
        value={text}
        onChange={(e) => update(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={2000}
        data-testid="caller-words-first-input"
      />
      {raised.map(({ flag, questionId, question }, index) => (
        <Alert key={flag.findingId} color="red" variant="filled" role="alert" title={`RED FLAG: ${flag.label}`} data-testid="caller-words-red-flag">
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              Ask now: {question}
            </Text>
            <Text size="xs">From the caller&apos;s words: &quot;{flag.evidence.text}&quot;</Text>
            <Group gap="xs">
              <Button
                size="xs"
                color="dark"
                onClick={() => emergency(flag.label, flag.evidence.text, questionId, question)}
                data-testid="caller-words-red-flag-yes"
                // The first red flag's "Yes" is one Tab away from the words.
                data-autofocus={index === 0 ? true : undefined}
              >
                Yes: emergency, call 911
              </Button>
              <Button size="xs" variant="white" color="red" onClick={() => setCleared(new Set([...clearedIds, flag.findingId]))} data-testid="caller-words-red-flag-no">
                No, not now
              </Button>
            </Group>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}

/** The caller's Yes to a red-flag screen question, as the interview records an asked answer. */
function confirmedRedFlag(questionId: string, question: string): RecordedAnswer {
  return { protocolId: RED_FLAG_PROTOCOL_ID, questionId, text: question.slice(0, 500), answer: 'yes', source: 'asked', answeredAt: Date.now(), type: 'yes-no', value: null, display: 'Yes' };
}
