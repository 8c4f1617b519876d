import { AppShell, Group, ScrollArea } from '@mantine/core';
import { CallBar } from '../features/call-bar';
import { ChartPane } from '../features/chart';
import { DemoLine } from '../features/demo-line';
import { PhoneBar } from '../features/phone-bar';
import { ScreenPopPane } from '../features/screen-pop';
import { useSession } from '../features/session';
import { StatusLine } from '../features/status-line';
import { DemoBadge } from './DemoBadge';
import { WorkflowPane } from './WorkflowPane';

const PHONE_BAR_HEIGHT = 44;

/**
 * The agent's screen: call bar on top, the caller on the left, the work in the middle, the chart on the right,
 * system status at the bottom. Fixed widths: agents build muscle memory for where things are.
 */
export function Workstation() {
  const { env } = useSession();
  const demo = env.mode === 'demo';
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
            <DemoBadge />
            <DemoLine />
          </Group>
        ) : null}
        <div style={{ height: 64 }}>
          <CallBar />
        </div>
        <div style={{ height: PHONE_BAR_HEIGHT, borderTop: '1px solid var(--mantine-color-gray-2)' }}>
          <PhoneBar />
        </div>
      </AppShell.Header>
      <AppShell.Navbar p="md" aria-label="Caller and patient">
        <AppShell.Section grow component={ScrollArea}>
          <ScreenPopPane />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <WorkflowPane />
      </AppShell.Main>
      <AppShell.Aside p="md" aria-label="Chart">
        <AppShell.Section grow component={ScrollArea}>
          <ChartPane />
        </AppShell.Section>
      </AppShell.Aside>
      <AppShell.Footer>
        <StatusLine />
      </AppShell.Footer>
    </AppShell>
  );
}
