import type { User } from '../../src-preload/contract';
import { ContractFailure } from '../ipc/ContractRouter';

/**
 * The signed-in user of this workstation. Main owns it (the renderer cannot claim a role), and every
 * documented step takes its author from here. In the demo environment the user picks a demo identity;
 * SSO against the organization's identity provider replaces `signIn` in a later issue.
 */
export class SessionService {
  private user: User | null = null;

  constructor(private readonly identities: readonly User[]) {}

  demoIdentities(): User[] {
    return [...this.identities];
  }

  current(): User | null {
    return this.user;
  }

  signIn(userId: string): User {
    const user = this.identities.find((u) => u.id === userId);
    if (!user) throw new ContractFailure('not-found', 'Unknown identity.');
    this.user = user;
    return user;
  }

  signOut(): void {
    this.user = null;
  }

  require(): User {
    if (!this.user) throw new ContractFailure('not-signed-in', 'Please sign in first.');
    return this.user;
  }
}
