import { AppShell, Group, Modal, ScrollArea } from '@mantine/core';
import { CallBar } from '../features/call-bar';
import { useFrontWorkspaceKey } from '../features/call-session';
import { ChartPane } from '../features/chart';
import { DemoLine } from '../features/demo-line';
import { PhoneBar } from '../features/phone-bar';
import { CallQualityBadge, useCallQuality, useMediaEngine } from '../features/softphone';
import { MassRescheduleView, WaitlistView } from '../features/scheduling';
import { ScreenPopPane } from '../features/screen-pop';
import { useSession } from '../features/session';
import { StatusLine } from '../features/status-line';
import { type KeyboardEvent, useState } from 'react';
import { DemoBadge } from './DemoBadge';
import { SettingsModal } from './SettingsModal';
import { WorkflowPane } from './WorkflowPane';

const PHONE_BAR_HEIGHT = 44;

/**
 * The agent's screen: call bar on top, the caller on the left, the work in the middle, the chart on the right,
 * system status at the bottom. Fixed widths: agents build muscle memory for where things are.
 */
export function Workstation() {
  const { env } = useSession();
  const demo = env.mode === 'demo';
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Scheduling tools open over the workstation, so a call in progress (and its panes) stays as it was.
  const [tool, setTool] = useState<'waitlist' | 'mass-reschedule' | null>(null);
  // One call, one workspace: the caller, workflow and chart panes are keyed on the workspace in front, so
  // switching calls switches everything and nothing typed for one caller survives into another's panes.
  const front = useFrontWorkspaceKey();
  return (
    <AppShell
      header={{ height: (demo ? 96 : 64) + PHONE_BAR_HEIGHT }}
      navbar={{ width: 340, breakpoint: 'sm' }}
      aside={{ width: 380, breakpoint: 'md' }}
      footer={{ height: 36 }}
      padding="md"
      data-testid="workstation"
    >
      <AppShell.Header>
        {demo ? (
          <Group h={32} px="md" justify="space-between" bg="grape.0" style={{ borderBottom: '1px solid var(--mantine-color-grape-2)' }}>
            <DemoBadge realPhone={env.telephony.kind === 'sip'} />
            {env.telephony.kind === 'demo-line' ? <DemoLine /> : null}
          </Group>
        ) : null}
        <div style={{ height: 64 }}>
          <CallBar
            onOpenSettings={() => setSettingsOpen(true)}
            onOpenWaitlist={() => setTool('waitlist')}
            onOpenMassReschedule={() => setTool('mass-reschedule')}
          />
        </div>
        <div style={{ height: PHONE_BAR_HEIGHT, borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <WorkstationPhoneBar />
        </div>
      </AppShell.Header>
      <AppShell.Navbar p="md" aria-label="Caller and patient">
        <AppShell.Section grow component={ScrollArea}>
          <ScreenPopPane key={front} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <WorkflowPane key={front} />
      </AppShell.Main>
      <AppShell.Aside p="md" aria-label="Chart">
        <AppShell.Section grow component={ScrollArea}>
          <ChartPane key={front} />
        </AppShell.Section>
      </AppShell.Aside>
      <SettingsModal opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <Modal
        opened={tool !== null}
        onClose={() => setTool(null)}
        size="80rem"
        title={tool === 'mass-reschedule' ? 'Scheduling: mass reschedule' : 'Scheduling: waitlist'}
        data-testid="scheduling-tool"
      >
        {/* The workflow's keys stay with the workflow: Ctrl+Enter typed here must not document the call behind. */}
        <div onKeyDown={keepWorkflowHotkeysOut}>
          {tool === 'waitlist' ? <WaitlistView /> : null}
          {tool === 'mass-reschedule' ? <MassRescheduleView /> : null}
        </div>
      </Modal>
      <AppShell.Footer>
        <StatusLine />
      </AppShell.Footer>
    </AppShell>
  );
}

/**
 * The workflow panes' chords (document/book/finish, back, override, schedule) listen on the whole document; inside a
 * tool opened over them they would act on the call behind. The phone's own keys (answer, hang up, hold) still pass.
 */
function keepWorkflowHotkeysOut(event: KeyboardEvent<HTMLDivElement>): void {
  const chord = `${event.ctrlKey ? 'Ctrl+' : ''}${event.altKey ? 'Alt+' : ''}${event.code.replace(/^Key/, '')}`;
  if (WORKFLOW_CHORDS.has(chord)) event.stopPropagation();
}

const WORKFLOW_CHORDS = new Set(['Ctrl+Enter', 'Alt+B', 'Alt+C', 'Alt+O', 'Alt+S', 'Alt+U']);

/** The phone bar with the media engine's mute and call quality, when calls carry real audio (a SIP line). */
function WorkstationPhoneBar() {
  const { env } = useSession();
  const media = useMediaEngine();
  if (env.telephony.kind !== 'sip') return <PhoneBar />;
  return <PhoneBar mute={{ muted: media.muted, toggle: media.toggleMute }} quality={(callId) => <QualityOf callId={callId} />} />;
}

function QualityOf(props: { readonly callId: string }) {
  return <CallQualityBadge quality={useCallQuality(props.callId)} />;
}
