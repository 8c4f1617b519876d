import { Alert, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import type { Protocol } from '../../../../src-preload/contract';
import { OptionList } from '../../ui';
import type { Finding, RankedProtocol, RedFlag, SymptomCheck } from './engine';

export interface SymptomCheckPanelProps {
  readonly check: SymptomCheck | null;
  /** Set when the checker cannot run: shown instead of the findings. */
  readonly unavailable: string | null;
  /** The ranked protocols this patient may be interviewed with (already filtered by age band and status). */
  readonly suggestions: readonly RankedProtocol[];
  readonly protocols: readonly Protocol[];
  readonly selectedProtocolId: string | null;
  readonly onSelectProtocol: (id: string) => void;
  /** False for call types without an interview: red flags still show, suggestions do not. */
  readonly showSuggestions: boolean;
}

/**
 * What the symptom checker made of the caller's words, live: red flags first and impossible to miss, then
 * the findings (present, denied, uncertain, each with the words that matched), then the protocols ranked
 * with the reason for each, choosable with ↑/↓ or 1–9.
 */
export function SymptomCheckPanel(props: SymptomCheckPanelProps) {
  if (props.unavailable) {
    return (
      <Alert color="orange" variant="light" data-testid="checker-unavailable">
        {props.unavailable}
      </Alert>
    );
  }
  const check = props.check;
  if (!check || check.findings.length === 0) return null;
  return (
    <Stack gap="sm" data-testid="symptom-check">
      <RedFlagBanner redFlags={check.redFlags} />
      <FindingChips findings={check.findings} />
      {props.showSuggestions && props.suggestions.length > 0 ? (
        <ProtocolSuggestions
          suggestions={props.suggestions}
          protocols={props.protocols}
          selectedId={props.selectedProtocolId}
          onSelect={props.onSelectProtocol}
        />
      ) : null}
    </Stack>
  );
}

function RedFlagBanner(props: { readonly redFlags: readonly RedFlag[] }) {
  if (props.redFlags.length === 0) return null;
  return (
    <Alert color="red" variant="filled" role="alert" data-testid="checker-red-flags" title="RED FLAG in the caller's words">
      <Stack gap={2}>
        {props.redFlags.map((f) => (
          <Text key={f.findingId} size="sm" fw={600} data-testid="checker-red-flag">
            {f.label} — “{f.evidence.text}”{f.status === 'uncertain' ? ' (uncertain: ask)' : ''}
          </Text>
        ))}
        <Text size="sm">
          Start the interview now: these red-flag questions are asked first. If it is happening now, <b>Alt+E</b> opens the
          911 path at once.
        </Text>
      </Stack>
    </Alert>
  );
}

const STATUS_STYLE: Record<Finding['status'], { readonly color: string; readonly variant: 'filled' | 'light' | 'outline'; readonly prefix: string }> = {
  present: { color: 'blue', variant: 'light', prefix: '' },
  absent: { color: 'gray', variant: 'outline', prefix: 'no ' },
  uncertain: { color: 'yellow', variant: 'light', prefix: '? ' },
};

function FindingChips(props: { readonly findings: readonly Finding[] }) {
  return (
    <Group gap={6} data-testid="checker-findings" aria-label="Findings recognized in the caller's words">
      {props.findings.map((f) => {
        const style = STATUS_STYLE[f.status];
        return (
          <Tooltip key={f.id} label={`Matched “${f.evidence.text}” (${f.matchedBy})`}>
            <Badge
              color={f.redFlag && f.status !== 'absent' ? 'red' : style.color}
              variant={style.variant}
              tt="none"
              data-testid="checker-finding"
              data-finding-id={f.id}
              data-status={f.status}
            >
              {style.prefix}
              {f.label.toLowerCase()} · “{f.evidence.text}”
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}

interface ProtocolSuggestionsProps {
  readonly suggestions: readonly RankedProtocol[];
  readonly protocols: readonly Protocol[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
}

function ProtocolSuggestions(props: ProtocolSuggestionsProps) {
  const titles = new Map(props.protocols.map((p) => [p.id, `${p.title} · ${p.audience.label}`]));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        Suggested protocols <Text span size="xs" c="dimmed">(↑/↓ or 1–9 in the list)</Text>
      </Text>
      <OptionList
        items={props.suggestions}
        getKey={(s) => s.protocolId}
        selectedKey={props.selectedId}
        onSelect={(s) => props.onSelect(s.protocolId)}
        label="Suggested protocols"
        data-testid="checker-suggestions"
        optionTestId="checker-suggestion"
        renderItem={(s, { index }) => (
          <Stack gap={0}>
            <Text size="sm" fw={600}>
              {index + 1}. {titles.get(s.protocolId) ?? s.protocolId}
            </Text>
            <Text size="xs" c="dimmed" data-testid="checker-because">
              because {s.explanation}
            </Text>
          </Stack>
        )}
      />
    </Stack>
  );
}
