import { Alert, Badge, Button, Divider, Drawer, Group, Loader, NativeSelect, Stack, Switch, Text } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import type { DemoLineOptions, DemoRingRequest } from '../../../../src-preload/contract';
import { useBridge, useInvoke } from '../../bridge';
import { Shortcut, formatPhone } from '../../ui';
import { useSession } from '../session';

export const DEMO_LINE_HOTKEY = 'Alt+D';
const RANDOM = '';

/**
 * The demo environment's simulated phone line and EHR switch, behind a button in the header. Rendered only in
 * demo mode, and labeled as a simulation everywhere it appears.
 */
export function DemoLine() {
  const { env } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  useHotkeys([[DEMO_LINE_HOTKEY, toggle, { usePhysicalKeys: true }]], []);
  if (env.mode !== 'demo') return null;
  return (
    <>
      <Button
        variant="outline"
        color="grape"
        size="xs"
        onClick={toggle}
        data-testid="demo-line-open"
        aria-keyshortcuts="Alt+D"
        rightSection={<Shortcut keys={DEMO_LINE_HOTKEY} />}
      >
        Demo line
      </Button>
      <Drawer
        opened={opened}
        onClose={close}
        position="right"
        size="md"
        title={
          <Text fw={700} c="grape.8">
            SIMULATION — demo phone line
          </Text>
        }
        data-testid="demo-line-drawer"
      >
        <DemoLinePanel />
      </Drawer>
    </>
  );
}

/** The controls themselves (also usable outside the drawer). */
export function DemoLinePanel() {
  const bridge = useBridge();
  const { env } = useSession();
  const options = useInvoke('demoLine.options', {});
  const [callerPhone, setCallerPhone] = useState(RANDOM);
  const [dnis, setDnis] = useState<string | null>(null);
  const [ivrDigit, setIvrDigit] = useState(RANDOM);
  const [ringing, setRinging] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [outage, setOutage] = useState(env.ehr.state === 'unreachable');
  const [outagePending, setOutagePending] = useState(false);

  const lines = options.data?.lines ?? [];
  const line = dnis ?? lines[0]?.dnis ?? null;

  const ring = async () => {
    setRinging(true);
    setMessage(null);
    const result = await bridge.invoke('demoLine.ring', ringRequest(callerPhone, line, ivrDigit));
    setRinging(false);
    setMessage(
      result.ok
        ? { kind: 'ok', text: `Ringing from ${formatPhone(result.value.from.e164, result.value.from.raw)}.` }
        : { kind: 'error', text: result.error.message },
    );
  };

  const toggleOutage = async (next: boolean) => {
    setOutagePending(true);
    const result = await bridge.invoke('demoEhr.setOutage', { outage: next });
    setOutagePending(false);
    if (result.ok) setOutage(next);
    else setMessage({ kind: 'error', text: result.error.message });
  };

  return (
    <Stack gap="md" data-testid="demo-line-panel">
      <Badge color="grape" variant="light" size="lg" w="fit-content">
        Simulation · synthetic patients only
      </Badge>
      {options.loading ? (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">Loading the demo line…</Text>
        </Group>
      ) : null}
      {options.error ? (
        <Alert color="red" variant="light" role="alert">
          {options.error.message}
        </Alert>
      ) : null}
      {options.data ? (
        <DemoRingForm
          options={options.data}
          callerPhone={callerPhone}
          onCallerPhone={setCallerPhone}
          dnis={line}
          onDnis={setDnis}
          ivrDigit={ivrDigit}
          onIvrDigit={setIvrDigit}
        />
      ) : null}
      <Button color="grape" onClick={() => void ring()} loading={ringing} disabled={!options.data} data-testid="demo-ring">
        Ring
      </Button>
      {message ? (
        <Alert color={message.kind === 'ok' ? 'grape' : 'red'} variant="light" role="status" data-testid="demo-ring-result">
          {message.text}
        </Alert>
      ) : null}
      <Divider />
      <Switch
        label="Simulate EHR outage"
        description="The demo EHR stops answering: screen pops fail and documentation goes to the outbox."
        checked={outage}
        disabled={outagePending}
        onChange={(event) => void toggleOutage(event.currentTarget.checked)}
        data-testid="demo-ehr-outage"
      />
    </Stack>
  );
}

interface DemoRingFormProps {
  readonly options: DemoLineOptions;
  readonly callerPhone: string;
  readonly onCallerPhone: (value: string) => void;
  readonly dnis: string | null;
  readonly onDnis: (value: string) => void;
  readonly ivrDigit: string;
  readonly onIvrDigit: (value: string) => void;
}

function DemoRingForm(props: DemoRingFormProps) {
  const { options } = props;
  return (
    <Stack gap="sm">
      <NativeSelect
        label="Caller"
        value={props.callerPhone}
        onChange={(event) => props.onCallerPhone(event.currentTarget.value)}
        data={[
          { value: RANDOM, label: 'Random synthetic caller' },
          ...options.callers.map((c) => ({ value: c.phone, label: `${c.label} · ${formatPhone(c.phone)}` })),
        ]}
        data-testid="demo-caller-select"
      />
      <NativeSelect
        label="Line dialed"
        value={props.dnis ?? ''}
        onChange={(event) => props.onDnis(event.currentTarget.value)}
        data={options.lines.map((l) => ({ value: l.dnis, label: `${l.label} · ${formatPhone(l.dnis)}` }))}
        data-testid="demo-line-select"
      />
      <NativeSelect
        label="IVR choice"
        value={props.ivrDigit}
        onChange={(event) => props.onIvrDigit(event.currentTarget.value)}
        data={[
          { value: RANDOM, label: 'None' },
          ...options.ivrChoices.map((c) => ({ value: c.digit, label: `${c.digit} · ${c.label}` })),
        ]}
        data-testid="demo-ivr-select"
      />
    </Stack>
  );
}

export function ringRequest(callerPhone: string, dnis: string | null, ivrDigit: string): DemoRingRequest {
  return {
    ...(callerPhone ? { callerPhone } : {}),
    ...(dnis ? { dnis } : {}),
    ...(ivrDigit ? { ivrDigit } : {}),
  };
}
