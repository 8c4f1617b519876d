import { useMemo } from 'react';
import type { Protocol } from '../../../../src-preload/contract';
import { type SymptomCheck, checkSymptoms } from './engine';
import { lexicon } from './lexicon';

export interface SymptomCheckState {
  readonly check: SymptomCheck | null;
  readonly unavailable: string | null;
}

/**
 * The symptom check of `text`, recomputed only when the text or the protocols change. The checker is pure
 * and fast (see bench/), so there is no debounce: React batches the keystrokes and this memo keeps
 * unrelated re-renders from running it again.
 */
export function useSymptomCheck(text: string, installedProtocolIds: readonly string[], protocols: readonly Protocol[]): SymptomCheckState {
  const key = installedProtocolIds.join(',');
  return useMemo(() => {
    const source = lexicon();
    if (!source.ok) return { check: null, unavailable: source.message };
    if (text.trim().length === 0) return { check: null, unavailable: null };
    return { check: checkSymptoms(text, source.lexicon, { installedProtocolIds: key ? key.split(',') : [], protocols }), unavailable: null };
  }, [text, key, protocols]);
}
