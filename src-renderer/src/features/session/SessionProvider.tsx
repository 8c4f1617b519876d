import { createContext, type ReactNode, use, useMemo } from 'react';
import type { EnvironmentStatus, ServiceLine, User } from '../../../../src-preload/contract';

/** Who is signed in and the environment they work in: read by every pane, changed only by the app root. */
export interface SessionValue {
  readonly user: User;
  readonly env: EnvironmentStatus;
  readonly serviceLines: readonly ServiceLine[];
  readonly signOut: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export interface SessionProviderProps {
  readonly user: User;
  readonly env: EnvironmentStatus;
  readonly serviceLines: readonly ServiceLine[];
  readonly onSignOut: () => void;
  readonly children: ReactNode;
}

export function SessionProvider(props: SessionProviderProps) {
  const { user, env, serviceLines, onSignOut } = props;
  const value = useMemo<SessionValue>(
    () => ({ user, env, serviceLines, signOut: onSignOut }),
    [user, env, serviceLines, onSignOut],
  );
  return <SessionContext value={value}>{props.children}</SessionContext>;
}

export function useSession(): SessionValue {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionProvider> above it');
  return session;
}

/** The service line a call was routed to, or null when the number is not configured. */
export function serviceLineById(serviceLines: readonly ServiceLine[], id: string | null | undefined): ServiceLine | null {
  if (!id) return null;
  return serviceLines.find((line) => line.id === id) ?? null;
}

export const ROLE_LABELS: Record<User['role'], string> = {
  agent: 'Agent',
  nurse: 'Triage nurse',
  supervisor: 'Supervisor',
};

/** "Noor Haddad, RN" */
export function userDisplayName(user: User): string {
  return user.credentials ? `${user.displayName}, ${user.credentials}` : user.displayName;
}
