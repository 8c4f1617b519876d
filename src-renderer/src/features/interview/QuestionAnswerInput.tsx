import { Button, Checkbox, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { Shortcut } from '../../ui';
import type { AnswerValue, CurrentQuestion } from './engine';

export const UNKNOWN_HOTKEY = 'Alt+U';

export interface QuestionAnswerInputProps {
  readonly question: CurrentQuestion;
  /** Why the engine would refuse this answer (null when it fits), e.g. "120 is outside 80.0–115.0 °F". */
  readonly problemWith: (answer: AnswerValue) => string | null;
  readonly onAnswer: (answer: AnswerValue) => void;
}

/**
 * Answers for the question types beyond yes/no, keyboard first: digits pick an option (single choice) or
 * toggle one (multi choice, Enter submits); a number or text field takes focus and Enter submits; Alt+U says
 * the caller does not know. A value the engine would refuse is never sent: the reason shows under the field
 * and what the agent typed stays.
 */
export function QuestionAnswerInput(props: QuestionAnswerInputProps) {
  const { question } = props;
  // One component per question (the parent keys it by question), so local state starts fresh each time.
  if (question.type === 'single-choice') return <SingleChoice {...props} />;
  if (question.type === 'multi-choice') return <MultiChoice {...props} />;
  if (question.type === 'number') return <NumberAnswer {...props} />;
  if (question.type === 'free-text') return <TextAnswer {...props} />;
  return null;
}

function UnknownButton(props: { readonly onUnknown: () => void }) {
  useHotkeys([[UNKNOWN_HOTKEY, props.onUnknown, { usePhysicalKeys: true }]], []);
  return (
    <Button variant="default" onClick={props.onUnknown} data-testid="interview-unknown" aria-keyshortcuts={UNKNOWN_HOTKEY} rightSection={<Shortcut keys={UNKNOWN_HOTKEY} />}>
      Caller does not know
    </Button>
  );
}

/** Enter in a typed field answers (and does not submit any surrounding form). */
function onEnter(submit: () => void) {
  return (e: { key: string; preventDefault: () => void }) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    }
  };
}

function SubmitOrUnknown(props: { readonly onSubmit: () => void; readonly onUnknown: () => void }) {
  return (
    <>
      <Button onClick={props.onSubmit} data-testid="interview-submit" rightSection={<Shortcut keys="Enter" />}>
        Answer
      </Button>
      <UnknownButton onUnknown={props.onUnknown} />
    </>
  );
}

function Problem(props: { readonly text: string | null }) {
  return props.text ? (
    <Text c="red" size="sm" role="alert" data-testid="interview-answer-problem">
      {props.text}
    </Text>
  ) : null;
}

/** Send `answer` if the engine accepts it; otherwise return why not. */
function trySend(props: QuestionAnswerInputProps, answer: AnswerValue): string | null {
  const problem = props.problemWith(answer);
  if (!problem) props.onAnswer(answer);
  return problem;
}

function SingleChoice(props: QuestionAnswerInputProps) {
  const [problem, setProblem] = useState<string | null>(null);
  const choose = (id: string) => setProblem(trySend(props, { choice: id }));
  useHotkeys(props.question.options.map((o) => [o.key, () => choose(o.id)]));
  return (
    <Stack gap="xs" data-testid="interview-choice">
      <Group gap="sm">
        {props.question.options.map((o) => (
          <Button key={o.id} size="md" variant="light" onClick={() => choose(o.id)} data-testid={`interview-option-${o.id}`} aria-keyshortcuts={o.key} leftSection={<Shortcut keys={o.key} size="sm" />}>
            {o.label}
          </Button>
        ))}
        <UnknownButton onUnknown={() => setProblem(trySend(props, 'unknown'))} />
      </Group>
      <Problem text={problem} />
    </Stack>
  );
}

function MultiChoice(props: QuestionAnswerInputProps) {
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  // Keep the content's option order, whatever order they were ticked in.
  const submit = () => setProblem(trySend(props, { choices: props.question.options.filter((o) => chosen.includes(o.id)).map((o) => o.id) }));
  useHotkeys([...props.question.options.map((o): [string, () => void] => [o.key, () => toggle(o.id)]), ['Enter', submit]]);
  return (
    <Stack gap="xs" data-testid="interview-multi-choice">
      {props.question.options.map((o) => (
        <Checkbox
          key={o.id}
          checked={chosen.includes(o.id)}
          onChange={() => toggle(o.id)}
          data-testid={`interview-option-${o.id}`}
          label={
            <Group gap={6} component="span">
              <Shortcut keys={o.key} size="sm" />
              {o.label}
            </Group>
          }
        />
      ))}
      <Group gap="sm">
        <Button onClick={submit} data-testid="interview-submit" rightSection={<Shortcut keys="Enter" />}>
          {chosen.length === 0 ? 'None of these' : `Answer (${chosen.length})`}
        </Button>
        <UnknownButton onUnknown={() => setProblem(trySend(props, 'unknown'))} />
      </Group>
      <Problem text={problem} />
    </Stack>
  );
}

function NumberAnswer(props: QuestionAnswerInputProps) {
  const { question } = props;
  const [value, setValue] = useState<string | number>('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    if (String(value).trim() === '' || !Number.isFinite(n)) setProblem(`Type the number${question.unit ? ` in ${question.unit}` : ''}, or Alt+U if the caller does not know.`);
    else setProblem(trySend(props, { number: n }));
  };
  const range = question.min !== null && question.max !== null ? `${question.min}–${question.max}${question.unit ? ` ${question.unit}` : ''}` : null;
  return (
    <Stack gap="xs" data-testid="interview-number">
      <Group gap="sm" align="flex-end">
        <NumberInput
          data-autofocus
          autoFocus
          w={220}
          size="md"
          label={question.unit ? `Value (${question.unit})` : 'Value'}
          description={range ? `Accepted range ${range}` : undefined}
          value={value}
          onChange={setValue}
          decimalScale={question.decimals ?? undefined}
          allowNegative={(question.min ?? 0) < 0}
          hideControls
          onKeyDown={onEnter(submit)}
          data-testid="interview-number-input"
        />
        <SubmitOrUnknown onSubmit={submit} onUnknown={() => setProblem(trySend(props, 'unknown'))} />
      </Group>
      <Problem text={problem} />
    </Stack>
  );
}

function TextAnswer(props: QuestionAnswerInputProps) {
  const { question } = props;
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => setProblem(value.trim() === '' ? 'Type what the caller said, or Alt+U if there is nothing to add.' : trySend(props, { text: value.trim() }));
  return (
    <Stack gap="xs" data-testid="interview-text">
      <Group gap="sm" align="flex-end">
        <TextInput
          data-autofocus
          autoFocus
          w={420}
          size="md"
          label="Caller's answer"
          value={value}
          maxLength={question.maxLength ?? undefined}
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={onEnter(submit)}
          data-testid="interview-text-input"
        />
        <SubmitOrUnknown onSubmit={submit} onUnknown={() => setProblem(trySend(props, 'unknown'))} />
      </Group>
      <Problem text={problem} />
    </Stack>
  );
}
