import { Alert, Badge, Button, Group, Loader, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useActorRef, useSelector } from '@xstate/react';
import { useEffect, useMemo, useState } from 'react';
import type { Protocol, RecordedAnswer } from '../../../../src-preload/contract';
import { Shortcut } from '../../ui';
import {
  type CallerWordsAnswer,
  type InterviewSession,
  type RaisedRedFlag,
  clinicalScopeOf,
  selectInterview,
  selectInterviewLoading,
  selectRole,
  useCallSession,
  useCallSessionActor,
} from '../call-session';
import {
  type AnswerValue,
  type InterviewMachine,
  type PlanOptions,
  answerProblem,
  compileInterview,
  hoursVerdictText,
  interviewInputProblems,
  readInterview,
  restoreInterview,
} from './engine';
import { interviewContentOf } from './interviewContent';
import { callerText, locationText, siteTimeText } from './interviewInputsText';
import { outcomeFromView } from './interviewSteps';
import { QuestionAnswerInput } from './QuestionAnswerInput';

export const YES_HOTKEY = 'Y';
export const NO_HOTKEY = 'N';
export const BACK_HOTKEY = 'Alt+B';
export const CONFIRM_HOTKEY = 'Enter';

/**
 * The guided interview: one question at a time (yes/no with Y/N; choices with digits; numbers and text typed,
 * Enter to answer), red-flag screen first. A question the caller's words
 * already answer shows the suggested answer with the words; Enter confirms it, Y/N answer it outright. An
 * agent (scope: red-flag screen) stops when the screen is clear and hands over to a nurse. The engine's actor lives here;
 * after every step its persisted snapshot is copied into the call session, so the interview survives this
 * pane unmounting, the call ending, and (later) a restart.
 */
export function InterviewPane() {
  const session = useCallSession(selectInterview);
  const loading = useCallSession(selectInterviewLoading);
  if (loading || !session || session.protocols.length === 0) {
    return (
      <Group gap="xs" role="status" data-testid="interview-loading">
        <Loader size="sm" />
        <Text>Loading the protocols…</Text>
      </Group>
    );
  }
  return <InterviewPreparation key={session.draftId} session={session} />;
}

interface InterviewPreparationProps {
  readonly session: InterviewSession;
}

type Preparation = { readonly ok: true; readonly machine: InterviewMachine } | { readonly ok: false; readonly problem: string };

/** Compiles the protocols and checks the patient against them before any question is asked. */
function InterviewPreparation(props: InterviewPreparationProps) {
  const { session } = props;
  const callActor = useCallSessionActor();
  const content = interviewContentOf(session.protocolIds, session.protocols);
  const preparation = useMemo((): Preparation => prepare(content.chain, content.options, session.input), [content, session.input]);
  useEffect(() => {
    if (!preparation.ok) callActor.send({ type: 'INTERVIEW.CANNOT_START', message: preparation.problem });
  }, [callActor, preparation]);
  if (!preparation.ok) return null;
  return <InterviewRunner session={session} machine={preparation.machine} />;
}

interface InterviewRunnerProps {
  readonly session: InterviewSession;
  readonly machine: InterviewMachine;
}

function InterviewRunner(props: InterviewRunnerProps) {
  const { session, machine } = props;
  // The chain is asked in order; linked protocols are reached through `options.resolve`.
  const { chain: protocols, options } = interviewContentOf(session.protocolIds, session.protocols);
  const callActor = useCallSessionActor();
  const [restored] = useState(() =>
    session.persistedSnapshot === null ? null : restoreInterview(protocols, session.persistedSnapshot, machine, options),
  );
  const actor = useActorRef(machine, {
    input: session.input,
    ...(restored?.ok ? { snapshot: restored.snapshot } : {}),
  });
  const snapshot = useSelector(actor, (s) => s);
  const view = useMemo(() => readInterview(protocols, snapshot, options), [protocols, snapshot, options]);
  const role = useCallSession(selectRole);
  const screensOnly = clinicalScopeOf(role) === 'red-flag-screen';
  const current = view.current;
  // Agents ask no symptom questions: reaching the first one means every red flag was answered no.
  const screenCleared = screensOnly && view.status === 'asking' && current?.protocolKind === 'symptom';

  // Every step goes to the call session; reaching a disposition hands over to the disposition step.
  useEffect(() => {
    const subscription = actor.subscribe((next) => {
      const persistedSnapshot = actor.getPersistedSnapshot();
      const outcome = outcomeFromView(readInterview(protocols, next, options));
      if (outcome) callActor.send({ type: 'INTERVIEW.COMPLETED', outcome, persistedSnapshot });
      else callActor.send({ type: 'INTERVIEW.STEPPED', persistedSnapshot });
    });
    return () => subscription.unsubscribe();
  }, [actor, callActor, protocols, options]);

  useEffect(() => {
    if (!screenCleared) return;
    const screens = new Set(protocols.filter((p) => p.kind === 'red-flag-screen').map((p) => p.id));
    callActor.send({
      type: 'INTERVIEW.RED_FLAGS_CLEARED',
      screen: { answers: view.answers.filter((a) => screens.has(a.protocolId)) },
      persistedSnapshot: actor.getPersistedSnapshot(),
    });
  }, [screenCleared, view, protocols, actor, callActor]);

  const asking = view.status === 'asking' && !screenCleared;
  const suggestion = current ? suggestionFor(session.callerWords.preAnswers, current) : undefined;
  const raised = current ? raisedFor(session.callerWords.redFlags, current) : [];
  const yesNo = current?.type === 'yes-no';
  const answer = (value: 'yes' | 'no') => {
    if (asking && yesNo) actor.send({ type: 'ANSWER', answer: value, at: Date.now(), source: 'asked' });
  };
  const answerValue = (value: AnswerValue) => {
    if (asking) actor.send({ type: 'ANSWER', answer: value, at: Date.now(), source: 'asked' });
  };
  const confirmSuggestion = (event: KeyboardEvent) => {
    // Enter on a focused button is that button's click, not a confirmation.
    if (event.target instanceof Element && event.target.closest('button, a, [role="listbox"]')) return;
    if (asking && suggestion) actor.send({ type: 'ANSWER', answer: suggestion.answer, at: Date.now(), source: 'callers-words' });
  };
  const back = () => {
    if (view.canGoBack) actor.send({ type: 'BACK' });
  };
  useHotkeys([
    [YES_HOTKEY, () => answer('yes')],
    [NO_HOTKEY, () => answer('no')],
    ['Backspace', back],
    [BACK_HOTKEY, back, { usePhysicalKeys: true }],
    [CONFIRM_HOTKEY, confirmSuggestion],
  ]);

  const redFlagPhase = current?.protocolKind === 'red-flag-screen';

  return (
    <Stack gap="md" data-testid="interview-pane" maw={820}>
      <Group justify="space-between" align="flex-start">
        <Title order={2} size="h4">
          Interview
        </Title>
        <Text size="xs" c="dimmed" data-testid="interview-inputs">
          {session.input.ageBand} · {session.input.sex} · {hoursVerdictText(session.input)} ·{' '}
          <span data-testid="interview-input-time">{siteTimeText(session.input)}</span> ·{' '}
          <span data-testid="interview-input-location">{locationText(session.input)}</span> · {callerText(session.input)}
        </Text>
      </Group>

      {restored && !restored.ok ? (
        <Alert color="orange" variant="light" data-testid="interview-restarted">
          The interview restarted from the first question: {restored.reason}
        </Alert>
      ) : null}

      {screenCleared ? (
        <Group gap="xs" role="status" data-testid="interview-screen-cleared">
          <Loader size="xs" />
          <Text size="sm">Red-flag screen clear: the call goes to a nurse…</Text>
        </Group>
      ) : redFlagPhase ? (
        <Alert color="red" variant="filled" data-testid="interview-red-flag-banner" title="Red-flag screen">
          Ask every question. Any yes ends the interview with an emergency disposition.
          {screensOnly ? ' If all are no, you hand the call to a nurse.' : ''}
        </Alert>
      ) : current ? (
        <Badge size="lg" variant="light" data-testid="interview-protocol">
          {current.protocolTitle}
        </Badge>
      ) : null}

      {current && !screenCleared ? (
        <Paper p="lg" shadow="xs">
          <Stack gap="md">
            <Group justify="space-between">
              <Text size="sm" c="dimmed" data-testid="interview-progress">
                Question {current.index} of {current.total} · {current.protocolTitle} {current.indexInProtocol}/
                {current.totalInProtocol}
              </Text>
            </Group>
            <Progress value={(100 * (current.index - 1)) / current.total} size="sm" aria-label="Interview progress" />
            <Text fz={26} fw={600} lh={1.3} data-testid="interview-question" aria-live="polite">
              {current.text}
            </Text>
            {current.help ? (
              <Text c="dimmed" data-testid="interview-help">
                {current.help}
              </Text>
            ) : null}
            {raised.length > 0 ? (
              <Alert color="red" variant="light" role="alert" data-testid="interview-raised-red-flag" title="The caller's words raised this red flag">
                {raised.map((f) => `${f.label} (“${f.evidence}”)`).join(', ')}. Confirm with the caller, then answer Y or N.
              </Alert>
            ) : null}
            {suggestion ? (
              <Group gap="xs" data-testid="interview-suggestion" data-answer={suggestion.answer}>
                <Badge color={suggestion.answer === 'yes' ? 'red' : 'gray'} variant="light" size="lg">
                  Suggested: {suggestion.answer === 'yes' ? 'Yes' : 'No'}
                </Badge>
                <Text size="sm" c="dimmed">
                  {suggestion.because}
                </Text>
                <Text size="sm">
                  <Shortcut keys={CONFIRM_HOTKEY} /> confirms it
                </Text>
              </Group>
            ) : null}
            {!yesNo ? (
              <QuestionAnswerInput
                key={`${current.protocolId}/${current.questionId}`}
                question={current}
                problemWith={(value) => answerProblem(protocols, snapshot, value, options)}
                onAnswer={answerValue}
              />
            ) : null}
            <Group gap="md">
              {yesNo ? (
                <>
                  <Button
                    size="lg"
                    color="red"
                    miw={140}
                    onClick={() => answer('yes')}
                    data-testid="interview-yes"
                    aria-keyshortcuts="Y"
                    rightSection={<Shortcut keys={YES_HOTKEY} size="sm" />}
                  >
                    Yes
                  </Button>
                  <Button
                    size="lg"
                    variant="default"
                    miw={140}
                    onClick={() => answer('no')}
                    data-testid="interview-no"
                    aria-keyshortcuts="N"
                    rightSection={<Shortcut keys={NO_HOTKEY} size="sm" />}
                  >
                    No
                  </Button>
                </>
              ) : null}
              <Button
                variant="subtle"
                onClick={back}
                disabled={!view.canGoBack}
                data-testid="interview-back"
                aria-keyshortcuts="Backspace Alt+B"
                rightSection={<Shortcut keys={BACK_HOTKEY} />}
              >
                Back
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : screenCleared ? null : (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">Disposition reached…</Text>
        </Group>
      )}

      <AnswersSoFar answers={view.answers} protocols={protocols} />
    </Stack>
  );
}

interface AnswersSoFarProps {
  readonly answers: readonly RecordedAnswer[];
  readonly protocols: readonly Protocol[];
}

/** The answers so far, as the chart will record them (skipped questions shown as not asked). */
export function AnswersSoFar(props: AnswersSoFarProps) {
  if (props.answers.length === 0) return null;
  const titles = new Map(props.protocols.map((p) => [p.id, p.title]));
  return (
    <Paper p="sm">
      <Text size="sm" fw={600} mb={4}>
        Answers so far
      </Text>
      <Table data-testid="interview-answers" verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Protocol</Table.Th>
            <Table.Th>Question</Table.Th>
            <Table.Th>Answer</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.answers.map((a) => (
            <Table.Tr key={`${a.protocolId}/${a.questionId}`} data-testid="interview-answer-row">
              <Table.Td c="dimmed">{titles.get(a.protocolId) ?? a.protocolId}</Table.Td>
              <Table.Td>{a.text}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <AnswerBadge answer={a.answer} display={a.display} />
                  {a.source === 'callers-words' ? (
                    <Badge variant="outline" color="blue" size="xs" tt="none" data-testid="interview-answer-callers-words">
                      caller&apos;s words
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function AnswerBadge(props: { readonly answer: RecordedAnswer['answer']; readonly display?: string | undefined }) {
  if (props.answer === 'yes') return <Badge color="red">Yes</Badge>;
  if (props.answer === 'no') return <Badge color="gray" variant="light">No</Badge>;
  if (props.answer === 'value' || props.answer === 'unknown') {
    return (
      <Badge color="blue" variant="light" tt="none" data-testid="interview-answer-value">
        {props.display ?? (props.answer === 'unknown' ? 'Caller did not know' : 'Answered')}
      </Badge>
    );
  }
  return (
    <Badge color="gray" variant="outline">
      Not asked
    </Badge>
  );
}

type QuestionAt = { readonly protocolId: string; readonly questionId: string };
const sameQuestion = (a: QuestionAt, b: QuestionAt) => a.protocolId === b.protocolId && a.questionId === b.questionId;

/** The answer the caller's words suggest for this question, if any. */
function suggestionFor(preAnswers: readonly CallerWordsAnswer[], at: QuestionAt): CallerWordsAnswer | undefined {
  return preAnswers.find((a) => sameQuestion(a, at));
}

/** The red flags the caller's words raised that this red-flag screen question asks about. */
function raisedFor(redFlags: readonly RaisedRedFlag[], at: QuestionAt): RaisedRedFlag[] {
  return redFlags.filter((f) => f.questions.some((q) => sameQuestion(q, at)));
}

function prepare(protocols: readonly Protocol[], options: PlanOptions, input: InterviewSession['input']): Preparation {
  try {
    const problems = interviewInputProblems(protocols, input, options);
    if (problems.length > 0) return { ok: false, problem: problems.join('; ') };
    return { ok: true, machine: compileInterview(protocols, options) };
  } catch (error) {
    // Content errors are written for the author and carry no patient data.
    return { ok: false, problem: error instanceof Error ? error.message : 'The protocols cannot be used.' };
  }
}

