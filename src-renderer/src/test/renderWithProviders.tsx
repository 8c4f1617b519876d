import { MantineProvider } from '@mantine/core';
import { render, type RenderOptions, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement, ReactNode } from 'react';
import type { EnvironmentStatus, ServiceLine, User } from '../../../src-preload/contract';
import { carelineTheme } from '../app/theme';
import { BridgeProvider } from '../bridge';
import { createFakeBridge, type FakeBridge, type FakeHandlers } from '../bridge/fakeBridge';
import { CallSessionProvider, type CallSessionSnapshot } from '../features/call-session';
import { SessionProvider } from '../features/session';
import { MediaEngineProvider } from '../features/softphone';
import { createFakeMediaServices } from '../features/softphone/testing/fakeMediaServices';
import { agentUser, demoEnv, familyMedicine } from './fixtures';

export interface ProviderOptions {
  readonly bridge?: FakeBridge;
  readonly handlers?: FakeHandlers;
  /** Wrap in the signed-in session (and a call session) as the workstation does. */
  readonly session?: { readonly user?: User; readonly env?: EnvironmentStatus; readonly serviceLines?: ServiceLine[] } | false;
  readonly callSnapshot?: CallSessionSnapshot;
  /** Wrap in a media engine with fake WebRTC (default); tests of the media engine itself mount their own. */
  readonly media?: boolean;
}

export interface RenderWithProvidersResult extends RenderResult {
  readonly bridge: FakeBridge;
  readonly user: ReturnType<typeof userEvent.setup>;
}

/** Render inside Mantine (test env: no transitions, no portals), a fake bridge and, optionally, a signed-in session. */
export function renderWithProviders(
  ui: ReactElement,
  options: ProviderOptions & Omit<RenderOptions, 'wrapper'> = {},
): RenderWithProvidersResult {
  const { bridge: given, handlers, session, callSnapshot, media = true, ...renderOptions } = options;
  const bridge = given ?? createFakeBridge(handlers);
  const wrapper = ({ children }: { children: ReactNode }) => {
    let content = children;
    if (session !== false && session !== undefined) {
      const user = session.user ?? agentUser;
      content = (
        <SessionProvider
          user={user}
          env={session.env ?? demoEnv}
          serviceLines={session.serviceLines ?? [familyMedicine]}
          onSignOut={() => {}}
        >
          <CallSessionProvider role={user.role} {...(callSnapshot ? { snapshot: callSnapshot } : {})}>
            {content}
          </CallSessionProvider>
        </SessionProvider>
      );
    }
    return (
      <MantineProvider theme={carelineTheme} env="test">
        <BridgeProvider bridge={bridge}>
          {media ? (
            <MediaEngineProvider services={createFakeMediaServices()} ringOnIncoming={false}>
              {content}
            </MediaEngineProvider>
          ) : (
            content
          )}
        </BridgeProvider>
      </MantineProvider>
    );
  };
  const user = userEvent.setup();
  return { ...render(ui, { wrapper, ...renderOptions }), bridge, user };
}
