import {
  Accordion,
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import {
  type AgeBand,
  type CallType,
  type PatientSummary,
  type Protocol,
  type ServiceLine,
  ageBandOf,
  ageOn,
} from '../../../../src-preload/contract';
import { Shortcut } from '../../ui';
import {
  RED_FLAG_PROTOCOL_ID,
  clinicalScopeOf,
  selectCall,
  selectPatient,
  selectRole,
  selectCaller,
  selectUnidentified,
  useCallSession,
  useCallSessionActor,
} from '../call-session';
import { triageSubjectOf, withEnteredAnswers } from '../screen-pop';
import { SymptomCheckPanel, callerWordsFrom, useSymptomCheck } from '../symptom-checker';
import { serviceLineById, useSession } from '../session';
import { CallerAnswersFields } from './CallerAnswersFields';
import { type CallerAnswers, chartLocationOf, defaultCallerAnswers, interviewInputFor, pregnancyApplies, zipProblem } from './interviewInputFor';
import { useProtocols } from './useProtocols';

export const SUBMIT_REASON_HOTKEY = 'Ctrl+Enter';
const MAX_REASON = 2000;

/**
 * Why the patient is calling: a call type from the line the caller dialed, the reason in the caller's words,
 * and for triage the symptom protocol (only those written for the patient's age band can be picked). As the
 * agent types, the symptom checker shows red flags at once, the findings, and the protocols ranked with
 * their reasons (the top one preselected). For triage the agent also asks what the chart cannot say — who is
 * calling, pregnancy, and where the patient is now (prefilled from the chart address) — and the interview
 * starts from those, the time at the site and the age in months. The line's knowledge articles sit underneath.
 */
export function ReasonPane() {
  const actor = useCallSessionActor();
  const call = useCallSession(selectCall);
  const verified = useCallSession(selectPatient);
  const unidentified = useCallSession(selectUnidentified);
  // Who is calling, as asked on the screen pop (a household member found by search, a caller without a chart).
  const caller = useCallSession(selectCaller);
  // Without a chart, the demographics entered on the spot stand in (age band, sex): triage never waits for a chart.
  const patient = useMemo(() => verified ?? (unidentified ? triageSubjectOf(unidentified, new Date()) : null), [verified, unidentified]);
  const protocolError = useCallSession((s) => s.context.protocolError);
  const previous = useCallSession((s) => s.context.reason);
  const { serviceLines } = useSession();

  const routedLine = serviceLineById(serviceLines, call?.dialed.serviceLineId);
  const [chosenLineId, setChosenLineId] = useState<string | null>(previous?.serviceLineId ?? null);
  const serviceLine = routedLine ?? serviceLineById(serviceLines, chosenLineId);
  const [callTypeId, setCallTypeId] = useState<string | null>(previous?.callTypeId ?? null);
  // What the caller said on the screen-pop step (before identification) is where the reason starts.
  const callerSaid = useCallSession((s) => s.context.callerSaid ?? '');
  const [reasonText, setReasonText] = useState(previous?.reasonForCall ?? callerSaid);
  // The agent's own pick; until there is one, the checker's top suggestion is used.
  const [pickedProtocolId, setProtocolId] = useState<string | null>(previous?.protocolId ?? null);
  const role = useCallSession(selectRole);

  const callType = serviceLine?.callTypes.find((t) => t.id === callTypeId) ?? null;
  const triage = callType?.kind === 'triage';
  // Loaded for every call type: a red flag mentioned on a refill call must still be raised.
  const installedIds = useMemo(() => (serviceLine ? [...new Set([RED_FLAG_PROTOCOL_ID, ...serviceLine.protocolIds])] : []), [serviceLine]);
  const { protocols: loaded, loading: protocolsLoading, error: protocolsError } = useProtocols(installedIds);
  const protocols = useMemo(() => loaded.filter((p) => p.kind === 'symptom'), [loaded]);
  const ageBand = patientAgeBand(patient);
  const { check, unavailable } = useSymptomCheck(reasonText, installedIds, loaded);
  const suggestions = useMemo(
    () => (check?.protocols ?? []).filter((s) => protocols.some((p) => p.id === s.protocolId && suits(p, ageBand))),
    [check, protocols, ageBand],
  );
  const protocolId = pickedProtocolId ?? suggestions[0]?.protocolId ?? null;
  const protocolOk = !triage || (protocolId !== null && protocols.some((p) => p.id === protocolId && suits(p, ageBand)));
  // Who calls, pregnancy and where the patient is: the chart's answers until the agent changes one.
  const [changedAnswers, setCallerAnswers] = useState<CallerAnswers | null>(null);
  const callerAnswers = changedAnswers ?? (patient ? withEnteredAnswers(defaultCallerAnswers(patient, new Date()), unidentified, caller) : null);
  const answersOk = !triage || (callerAnswers !== null && zipProblem(callerAnswers.location.zip) === null);
  const canSubmit = serviceLine !== null && callType !== null && reasonText.trim().length > 0 && protocolOk && answersOk && patient !== null;

  const submit = () => {
    if (!canSubmit || !serviceLine || !callType || !patient) return;
    const interviewInput = triage ? interviewInputFor(patient, serviceLine, new Date(), callerAnswers ?? undefined) : null;
    const run = loaded.filter((p) => p.id === RED_FLAG_PROTOCOL_ID || p.id === protocolId);
    actor.send({
      type: 'REASON.SUBMITTED',
      reason: {
        serviceLineId: serviceLine.id,
        callTypeId: callType.id,
        callTypeLabel: callType.label,
        callTypeKind: callType.kind,
        reasonForCall: reasonText.trim(),
        protocolId: triage ? protocolId : null,
      },
      interviewInput,
      ...(triage && check ? { callerWords: callerWordsFrom(check, run, interviewInput) } : {}),
    });
  };
  useHotkeys([[SUBMIT_REASON_HOTKEY, submit]], []);

  return (
    <Stack gap="md" data-testid="reason-pane" maw={760}>
      <Title order={2} size="h4">
        Reason for the call
      </Title>
      {protocolError ? (
        <Alert color="red" variant="light" role="alert" data-testid="protocol-error" title="The interview could not start">
          {protocolError.message}
        </Alert>
      ) : null}

      {routedLine === null ? (
        <Select
          label="Service line"
          description="The number dialed is not mapped to a service line; choose one."
          data={serviceLines.map((l) => ({ value: l.id, label: l.name }))}
          value={chosenLineId}
          onChange={setChosenLineId}
          data-testid="service-line-select"
        />
      ) : null}

      {serviceLine ? (
        <>
          <Radio.Group
            label="Call type"
            value={callTypeId}
            onChange={(value) => {
              setCallTypeId(value);
              setProtocolId(null);
            }}
            data-testid="call-type"
          >
            <Stack gap={6} mt={6}>
              {serviceLine.callTypes.map((t) => (
                <Radio key={t.id} value={t.id} label={<CallTypeLabel callType={t} />} data-testid={`call-type-${t.id}`} />
              ))}
            </Stack>
          </Radio.Group>

          <Textarea
            label="Reason, in the caller's words"
            required
            autosize
            minRows={2}
            maxRows={6}
            maxLength={MAX_REASON}
            value={reasonText}
            onChange={(event) => setReasonText(event.currentTarget.value)}
            data-testid="reason-input"
          />

          <SymptomCheckPanel
            check={check}
            unavailable={unavailable}
            suggestions={suggestions}
            protocols={protocols}
            selectedProtocolId={protocolId}
            onSelectProtocol={setProtocolId}
            showSuggestions={triage}
          />

          {triage ? (
            <ProtocolPicker
              protocols={protocols}
              loading={protocolsLoading}
              error={protocolsError?.message ?? null}
              ageBand={ageBand}
              value={protocolId}
              onChange={setProtocolId}
              screensOnly={clinicalScopeOf(role) === 'red-flag-screen'}
            />
          ) : null}

          {triage && patient && callerAnswers ? (
            <CallerAnswersFields
              value={callerAnswers}
              onChange={setCallerAnswers}
              chartLocation={chartLocationOf(patient)}
              askPregnancy={pregnancyApplies(patient, ageBand)}
            />
          ) : null}

          {callType && !triage ? (
            <Text size="sm" c="dimmed">
              {callType.label} calls have no guided interview yet: continue to wrap-up and handle the request there.
            </Text>
          ) : null}

          <Group justify="flex-end">
            <Button
              onClick={submit}
              disabled={!canSubmit}
              data-testid="reason-submit"
              aria-keyshortcuts="Control+Enter"
              rightSection={<Shortcut keys={SUBMIT_REASON_HOTKEY} />}
            >
              {triage || callType === null ? 'Start interview' : 'Continue to wrap-up'}
            </Button>
          </Group>

          <KnowledgePanel serviceLine={serviceLine} />
        </>
      ) : null}
    </Stack>
  );
}

interface CallTypeLabelProps {
  readonly callType: CallType;
}

function CallTypeLabel(props: CallTypeLabelProps) {
  return (
    <Group gap={6}>
      <span>{props.callType.label}</span>
      {props.callType.kind === 'triage' ? (
        <Badge size="xs" variant="light" color="red">
          Triage
        </Badge>
      ) : null}
    </Group>
  );
}

interface ProtocolPickerProps {
  readonly protocols: readonly Protocol[];
  readonly loading: boolean;
  readonly error: string | null;
  readonly ageBand: AgeBand | null;
  readonly value: string | null;
  readonly onChange: (id: string | null) => void;
  /** An agent: the protocol is for the nurse the call goes to; the agent asks only the red-flag screen. */
  readonly screensOnly: boolean;
}

function ProtocolPicker(props: ProtocolPickerProps) {
  if (props.loading) {
    return (
      <Group gap="xs" role="status">
        <Loader size="xs" />
        <Text size="sm">Loading protocols…</Text>
      </Group>
    );
  }
  return (
    <Stack gap={4}>
      {props.error ? (
        <Alert color="orange" variant="light" p="xs">
          {props.error}
        </Alert>
      ) : null}
      <Select
        label="Symptom protocol"
        description={
          props.screensOnly
            ? 'You ask the red-flag screen; if it is clear, the call goes to a nurse, who runs this protocol.'
            : 'The red-flag screen is always asked first.'
        }
        placeholder="Pick the main symptom"
        searchable
        required
        data={props.protocols.map((p) => ({
          value: p.id,
          label: `${p.title} · ${p.audience.label}`,
          disabled: !suits(p, props.ageBand),
        }))}
        value={props.value}
        onChange={props.onChange}
        nothingFoundMessage="No protocol with that name"
        data-testid="protocol-select"
      />
    </Stack>
  );
}

interface KnowledgePanelProps {
  readonly serviceLine: ServiceLine;
}

function KnowledgePanel(props: KnowledgePanelProps) {
  if (props.serviceLine.knowledge.length === 0) return null;
  return (
    <Paper p="sm" data-testid="knowledge-panel" aria-label={`Knowledge: ${props.serviceLine.name}`}>
      <Text size="sm" fw={600} mb={4}>
        Knowledge · {props.serviceLine.name}
      </Text>
      <Accordion variant="separated" chevronPosition="left">
        {props.serviceLine.knowledge.map((article) => (
          <Accordion.Item key={article.title} value={article.title}>
            <Accordion.Control>{article.title}</Accordion.Control>
            <Accordion.Panel>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {article.body}
              </Text>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Paper>
  );
}

function patientAgeBand(patient: PatientSummary | null): AgeBand | null {
  if (!patient?.birthDate) return null;
  return ageBandOf(ageOn(patient.birthDate, new Date()));
}

/** A protocol can be used for this patient when it is in force and written for their age band. */
function suits(protocol: Protocol, ageBand: AgeBand | null): boolean {
  return protocol.status === 'active' && ageBand !== null && protocol.audience.ageBands.includes(ageBand);
}
