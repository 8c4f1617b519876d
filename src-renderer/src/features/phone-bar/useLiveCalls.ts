import { useEffect, useState } from 'react';
import type { CallInfo } from '../../../../src-preload/contract';
import { useBridge, useEvent } from '../../bridge';
import { applyCall } from './liveCalls';

/** The live calls of this workstation, kept current from main's call events. */
export function useLiveCalls(): CallInfo[] {
  const bridge = useBridge();
  const [calls, setCalls] = useState<CallInfo[]>([]);
  useEffect(() => {
    let current = true;
    void bridge.invoke('call.list', {}).then((result) => {
      if (current && result.ok) setCalls((known) => result.value.reduce(applyCall, known));
    });
    return () => {
      current = false;
    };
  }, [bridge]);
  const track = (call: CallInfo) => setCalls((known) => applyCall(known, call));
  useEvent('call.incoming', track);
  useEvent('call.updated', track);
  return calls;
}
