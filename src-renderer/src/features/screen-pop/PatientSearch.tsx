import { Alert, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, type Ref, useState } from 'react';
import type { ContractError, PatientSummary } from '../../../../src-preload/contract';
import { useBridge } from '../../bridge';
import { OptionList } from '../../ui';
import { formatDobTyping, parseDob } from './birthDate';
import { CandidateSummary } from './CandidateSummary';

export interface PatientSearchProps {
  readonly selectedPatientId: string | null;
  /** A result was picked; `dobInput` is the DOB the agent searched with (MM/DD/YYYY). */
  readonly onSelect: (patient: PatientSummary, dobInput: string) => void;
  readonly onConfirm?: (patient: PatientSummary) => void;
  /** The family-name input (React 19 ref prop), focused by Alt+F. */
  readonly ref?: Ref<HTMLInputElement>;
}

type SearchState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'searching' }
  | { readonly kind: 'done'; readonly results: readonly PatientSummary[]; readonly dob: string }
  | { readonly kind: 'failed'; readonly error: ContractError };

/** The fallback when the number finds no one (or the wrong household): family name + DOB, given name optional. */
export function PatientSearch({ ref, ...props }: PatientSearchProps) {
  const bridge = useBridge();
  const [family, setFamily] = useState('');
  const [given, setGiven] = useState('');
  const [dob, setDob] = useState('');
  const [state, setState] = useState<SearchState>({ kind: 'idle' });
  const birthDate = parseDob(dob);
  const canSearch = family.trim().length > 0 && birthDate !== null && state.kind !== 'searching';

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSearch || birthDate === null) return;
    setState({ kind: 'searching' });
    const result = await bridge.invoke('patient.search', {
      family: family.trim(),
      ...(given.trim() ? { given: given.trim() } : {}),
      birthDate,
    });
    setState(result.ok ? { kind: 'done', results: result.value, dob } : { kind: 'failed', error: result.error });
    // The first result is chosen at once (as the screen pop's first candidate is), so Enter goes on to verify it.
    const first = result.ok ? result.value[0] : undefined;
    if (first) props.onSelect(first, dob);
  };

  return (
    <Stack gap="xs" data-testid="patient-search">
      <form onSubmit={(event) => void search(event)} aria-label="Find a patient">
        <Stack gap="xs">
          <Group grow gap="xs" align="flex-start">
            <TextInput
              ref={ref}
              label="Family name"
              required
              value={family}
              onChange={(event) => setFamily(event.currentTarget.value)}
              data-testid="search-family"
              autoComplete="off"
            />
            <TextInput
              label="Given name"
              value={given}
              onChange={(event) => setGiven(event.currentTarget.value)}
              data-testid="search-given"
              autoComplete="off"
            />
          </Group>
          <TextInput
            label="Date of birth"
            placeholder="MM/DD/YYYY"
            inputMode="numeric"
            required
            value={dob}
            onChange={(event) => setDob(formatDobTyping(event.currentTarget.value))}
            error={dob.length === 10 && birthDate === null ? 'Not a valid date (MM/DD/YYYY).' : null}
            data-testid="search-dob"
            autoComplete="off"
          />
          <Group justify="flex-end">
            <Button type="submit" variant="light" disabled={!canSearch} loading={state.kind === 'searching'} data-testid="search-submit">
              Search
            </Button>
          </Group>
        </Stack>
      </form>
      {state.kind === 'searching' ? (
        <Group gap="xs" role="status">
          <Loader size="xs" />
          <Text size="sm">Searching the EHR…</Text>
        </Group>
      ) : null}
      {state.kind === 'failed' ? (
        <Alert color="red" variant="light" role="alert" data-testid="search-error">
          {state.error.message}
        </Alert>
      ) : null}
      {state.kind === 'done' && state.results.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="search-no-results">
          No patient matches. Check the spelling and the date of birth with the caller.
        </Text>
      ) : null}
      {state.kind === 'done' && state.results.length > 0 ? (
        <OptionList
          label="Search results"
          data-testid="search-results"
          optionTestId="search-result-row"
          // The keyboard goes to the results as they arrive: ↑/↓ pick, Enter moves on to verification.
          autoFocus
          items={state.results}
          getKey={(p) => p.id}
          selectedKey={props.selectedPatientId}
          onSelect={(p) => props.onSelect(p, state.dob)}
          {...(props.onConfirm ? { onConfirm: props.onConfirm } : {})}
          renderItem={(p, { index }) => <CandidateSummary patient={p} number={index + 1} />}
        />
      ) : null}
    </Stack>
  );
}
