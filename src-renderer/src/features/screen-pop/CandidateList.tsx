import { useEffect, type Ref } from 'react';
import type { CallInfo, PatientSummary } from '../../../../src-preload/contract';
import { OptionList } from '../../ui';
import { CandidateSummary } from './CandidateSummary';
import { markScreenPopRendered } from './screenPopMark';

export interface CandidateListProps {
  readonly call: Pick<CallInfo, 'callId' | 'ringAt'>;
  readonly candidates: readonly PatientSummary[];
  readonly selectedPatientId: string | null;
  readonly onSelect: (patient: PatientSummary) => void;
  readonly onConfirm: (patient: PatientSummary) => void;
  readonly ref?: Ref<HTMLDivElement>;
}

/** The screen pop's candidates (a household gives several), picked with ↑/↓ or 1–9 and confirmed with Enter. */
export function CandidateList({ ref, ...props }: CandidateListProps) {
  const { call, candidates } = props;
  const count = candidates.length;
  useEffect(() => {
    markScreenPopRendered(call, count);
  }, [call, count]);

  return (
    <OptionList
      label="Patients matching the caller's number"
      data-testid="candidate-list"
      optionTestId="candidate-row"
      ref={ref}
      items={candidates}
      getKey={(p) => p.id}
      selectedKey={props.selectedPatientId}
      onSelect={props.onSelect}
      onConfirm={props.onConfirm}
      renderItem={(p, { index }) => <CandidateSummary patient={p} number={index + 1} />}
    />
  );
}
