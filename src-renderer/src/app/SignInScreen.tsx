import { Alert, Badge, Button, Center, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { User } from '../../../src-preload/contract';
import { useBridge, useInvoke } from '../bridge';
import { ROLE_LABELS, userDisplayName } from '../features/session';
import { OptionList } from '../ui';
import { DemoBadge } from './DemoBadge';

export interface SignInScreenProps {
  readonly demo: boolean;
  readonly onSignedIn: (user: User) => void;
}

/** Pick a demo identity (↑/↓ or 1–9, Enter signs in). The role decides what the workstation shows. */
export function SignInScreen(props: SignInScreenProps) {
  const bridge = useBridge();
  const identities = useInvoke('session.demoIdentities', {});
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const list = identities.data ?? [];
  const selectedId = chosenId ?? list[0]?.id ?? null;

  const signIn = async (user: User | undefined) => {
    if (!user || pending) return;
    setPending(true);
    setError(null);
    const result = await bridge.invoke('session.signIn', { userId: user.id });
    setPending(false);
    if (result.ok) props.onSignedIn(result.value);
    else setError(result.error.message);
  };

  return (
    <Center mih="100vh" bg="gray.1" p="md">
      <Paper p="xl" w={460} shadow="sm" component="main" aria-labelledby="sign-in-title">
        <Stack gap="md">
          <Stack gap={2}>
            <Title id="sign-in-title" order={1} size="h2" c="careline.9">
              Careline
            </Title>
            <Text c="dimmed" size="sm">
              Contact center workstation · sign in to take calls
            </Text>
          </Stack>
          {props.demo ? <DemoBadge /> : null}
          {identities.loading ? (
            <Group gap="xs" role="status">
              <Loader size="sm" />
              <Text size="sm">Loading identities…</Text>
            </Group>
          ) : null}
          {identities.error ? (
            <Alert color="red" variant="light" role="alert">
              {identities.error.message}
              <Button size="compact-xs" variant="light" ml="sm" onClick={identities.reload}>
                Try again
              </Button>
            </Alert>
          ) : null}
          {list.length > 0 ? (
            <OptionList
              label="Demo identities"
              data-testid="signin-identities"
              optionTestId="signin-identity"
              autoFocus
              items={list}
              getKey={(u) => u.id}
              selectedKey={selectedId}
              onSelect={(u) => setChosenId(u.id)}
              onConfirm={(u) => void signIn(u)}
              renderItem={(u, { index }) => (
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="sm" wrap="nowrap">
                    <Badge variant="default" size="sm" aria-hidden="true">
                      {index + 1}
                    </Badge>
                    <Text fw={600}>{userDisplayName(u)}</Text>
                  </Group>
                  <Badge variant="light" color={roleColor(u.role)} data-testid="signin-identity-role">
                    {ROLE_LABELS[u.role]}
                  </Badge>
                </Group>
              )}
            />
          ) : null}
          {error ? (
            <Alert color="red" variant="light" role="alert" data-testid="signin-error">
              {error}
            </Alert>
          ) : null}
          <Button
            onClick={() => void signIn(list.find((u) => u.id === selectedId))}
            disabled={selectedId === null}
            loading={pending}
            data-testid="signin-submit"
          >
            Sign in
          </Button>
          <Text size="xs" c="dimmed">
            ↑/↓ or 1–9 to choose, Enter to sign in.
          </Text>
        </Stack>
      </Paper>
    </Center>
  );
}

function roleColor(role: User['role']): string {
  return role === 'nurse' ? 'teal' : role === 'supervisor' ? 'indigo' : 'blue';
}
