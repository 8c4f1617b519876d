import { type DispositionId, atLeastAsUrgent } from '../../src-preload/contract';

/** What triage reached for one vignette: a disposition under a protocol, or none (no protocol, an error). */
export interface EvaluatedCase {
  readonly id: string;
  readonly split: 'dev' | 'heldout';
  readonly gold: DispositionId;
  readonly got: DispositionId | null;
  readonly protocol: string | null;
}

export interface ProtocolRow {
  readonly protocol: string;
  readonly exact: number;
  readonly over: number;
  readonly under: number;
}

export interface SplitFigures {
  readonly split: string;
  readonly cases: number;
  readonly exact: number;
  /** At or above the gold level (a disposition was reached). */
  readonly safe: number;
  readonly emergencies: number;
  /** Gold call-911 or ed-now, and triage reached something less urgent, or nothing. */
  readonly emergenciesUnderTriaged: number;
  readonly noDisposition: number;
  /** By the protocol triage chose ("(none)" when it chose none): exact, over- and under-triaged counts. */
  readonly byProtocol: readonly ProtocolRow[];
}

const EMERGENCIES: ReadonlySet<DispositionId> = new Set(['call-911', 'ed-now']);

/** The figures of one split (pure: the CLI runs triage and prints). */
export function figuresOf(split: string, cases: readonly EvaluatedCase[]): SplitFigures {
  const rows = new Map<string, { exact: number; over: number; under: number }>();
  let exact = 0;
  let safe = 0;
  let emergencies = 0;
  let under = 0;
  let none = 0;
  for (const c of cases) {
    const isEmergency = EMERGENCIES.has(c.gold);
    if (isEmergency) emergencies += 1;
    const row = rows.get(c.protocol ?? '(none)') ?? { exact: 0, over: 0, under: 0 };
    rows.set(c.protocol ?? '(none)', row);
    if (c.got === null) {
      none += 1;
      row.under += 1;
      if (isEmergency) under += 1;
      continue;
    }
    const atOrAbove = atLeastAsUrgent(c.got, c.gold);
    if (c.got === c.gold) {
      exact += 1;
      row.exact += 1;
    } else if (atOrAbove) row.over += 1;
    else row.under += 1;
    if (atOrAbove) safe += 1;
    else if (isEmergency) under += 1;
  }
  const byProtocol = [...rows.entries()]
    .map(([protocol, r]) => ({ protocol, ...r }))
    .sort((a, b) => b.under - a.under || b.exact + b.over + b.under - (a.exact + a.over + a.under) || a.protocol.localeCompare(b.protocol));
  return { split, cases: cases.length, exact, safe, emergencies, emergenciesUnderTriaged: under, noDisposition: none, byProtocol };
}

const pct = (n: number, of: number) => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)} %`);

export function formatFigures(f: SplitFigures): string {
  const lines = [
    `${f.split}: ${f.cases} vignettes`,
    `  exact level            ${f.exact} / ${f.cases}  (${pct(f.exact, f.cases)})`,
    `  safe (at or above)     ${f.safe} / ${f.cases}  (${pct(f.safe, f.cases)})`,
    `  emergencies under-triaged  ${f.emergenciesUnderTriaged} / ${f.emergencies}`,
    `  no disposition         ${f.noDisposition}`,
    '  by protocol chosen      exact   over  under',
    ...f.byProtocol.map((r) => `    ${r.protocol.padEnd(22)} ${String(r.exact).padStart(5)} ${String(r.over).padStart(6)} ${String(r.under).padStart(6)}`),
  ];
  return lines.join('\n');
}
