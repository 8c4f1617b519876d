import { createContext, type ReactNode, use } from 'react';
import type { Bridge } from './Bridge';

const BridgeContext = createContext<Bridge | null>(null);

export interface BridgeProviderProps {
  readonly bridge: Bridge;
  readonly children: ReactNode;
}

export function BridgeProvider(props: BridgeProviderProps) {
  return <BridgeContext value={props.bridge}>{props.children}</BridgeContext>;
}

export function useBridge(): Bridge {
  const bridge = use(BridgeContext);
  if (!bridge) throw new Error('useBridge() needs a <BridgeProvider> above it');
  return bridge;
}
