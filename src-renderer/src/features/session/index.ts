export { ROLE_LABELS, SessionProvider, serviceLineById, useSession, userDisplayName } from './SessionProvider';
export type { SessionProviderProps, SessionValue } from './SessionProvider';
