import type { User } from '../../src-preload/contract';

/** SIMULATION: the people one can be in the demo environment. */
export const DEMO_IDENTITIES: readonly User[] = [
  { id: 'agent-alex', displayName: 'Alex Rivera', role: 'agent' },
  { id: 'nurse-jordan', displayName: 'Jordan Lee', role: 'nurse', credentials: 'RN' },
  { id: 'supervisor-sam', displayName: 'Sam Patel', role: 'supervisor' },
];
