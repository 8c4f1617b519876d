/**
 * Links between protocols ("go to Chest Pain") are checked over the whole installed set, because one file
 * cannot know what else is installed. The types here are structural on purpose: they describe only what the
 * check reads, so it works for every version of the protocol format that keeps outcomes where they are
 * (question.onYes, question.options[].outcome, question.bands[].outcome, question.ifUnknown, fallback) and
 * spells a link `{ goTo: '<protocol id>', because, atLeast? }`.
 */
export interface ProtocolLike {
  readonly id: string;
  readonly kind: string;
  readonly questions: readonly QuestionLike[];
  readonly fallback?: object | null;
}

export interface QuestionLike {
  readonly id: string;
  readonly onYes?: object;
  readonly options?: readonly { readonly outcome?: object }[];
  readonly bands?: readonly { readonly outcome?: object }[];
  readonly ifUnknown?: object;
}

/** One outgoing link, with where it is written so an author can find it. */
export interface ProtocolLink {
  readonly from: string;
  /** e.g. `question "chest-pain-now" (onYes)` or `fallback`. */
  readonly where: string;
  readonly to: string;
}

export interface ProtocolLinkProblem {
  /** The protocols at fault: the linking one, or every protocol of a cycle. */
  readonly protocolIds: readonly string[];
  readonly message: string;
}

function linkTarget(outcome: object | null | undefined): string | null {
  if (!outcome || !('goTo' in outcome)) return null;
  return typeof outcome.goTo === 'string' ? outcome.goTo : null;
}

/** Every link a protocol makes, in the order an author reads the file. */
export function protocolLinks(protocol: ProtocolLike): ProtocolLink[] {
  const links: ProtocolLink[] = [];
  const add = (where: string, outcome: object | null | undefined): void => {
    const to = linkTarget(outcome);
    if (to !== null) links.push({ from: protocol.id, where, to });
  };
  for (const q of protocol.questions) {
    const at = `question "${q.id}"`;
    add(`${at} (onYes)`, q.onYes);
    q.options?.forEach((o, i) => add(`${at} (options[${i}])`, o.outcome));
    q.bands?.forEach((b, i) => add(`${at} (bands[${i}])`, b.outcome));
    add(`${at} (ifUnknown)`, q.ifUnknown);
  }
  add('fallback', protocol.fallback);
  return links;
}

/**
 * Problems of a set of protocols' links: a link to a protocol that is not installed, a link into a red-flag
 * screen (red flags are screened first, never reached from a symptom protocol), and cycles, which would keep
 * an interview going round for ever. Deterministic: the order follows the input and the links in each file.
 */
export function findProtocolLinkProblems(protocols: readonly ProtocolLike[]): ProtocolLinkProblem[] {
  const byId = new Map(protocols.map((p) => [p.id, p]));
  const problems: ProtocolLinkProblem[] = [];
  const edges = new Map<string, string[]>();
  for (const p of protocols) {
    const targets: string[] = [];
    for (const link of protocolLinks(p)) {
      const target = byId.get(link.to);
      if (!target) {
        problems.push({ protocolIds: [p.id], message: `${p.id}: ${link.where} goes to unknown protocol "${shortId(link.to)}"` });
      } else if (target.kind === 'red-flag-screen') {
        problems.push({ protocolIds: [p.id], message: `${p.id}: ${link.where} goes to red-flag screen "${link.to}"; red flags are screened before any protocol, never linked to` });
      } else if (!targets.includes(link.to)) {
        targets.push(link.to);
      }
    }
    edges.set(p.id, targets);
  }
  for (const cycle of findCycles([...byId.keys()], edges)) {
    problems.push({ protocolIds: cycle.slice(0, -1), message: `cyclic link: ${cycleText(cycle)}` });
  }
  return problems;
}

/** The messages of `findProtocolLinkProblems`; empty when every link is sound. */
export function checkProtocolLinks(protocols: readonly ProtocolLike[]): string[] {
  return findProtocolLinkProblems(protocols).map((p) => p.message);
}

/** A link target is whatever the file says: keep a hostile one from flooding the report. */
function shortId(id: string): string {
  return id.length > 60 ? `${id.slice(0, 59)}…` : id;
}

const CYCLE_SHOWN = 12;

/** "a -> b -> a"; a very long cycle keeps its ends and says how many protocols are left out. */
function cycleText(cycle: readonly string[]): string {
  if (cycle.length <= CYCLE_SHOWN) return cycle.join(' -> ');
  const head = cycle.slice(0, CYCLE_SHOWN / 2);
  const tail = cycle.slice(cycle.length - CYCLE_SHOWN / 2);
  return [...head, `... ${cycle.length - CYCLE_SHOWN} more ...`, ...tail].join(' -> ');
}

/**
 * One cycle per back edge of a depth-first search, each written from where it was entered back to itself
 * (["a", "b", "a"]). Iterative, so a long chain of hostile imports cannot exhaust the stack.
 */
function findCycles(ids: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  for (const root of ids) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, 'open');
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top] as string;
      const out = edges.get(node) ?? [];
      const i = next[top] as number;
      if (i >= out.length) {
        state.set(node, 'done');
        path.pop();
        next.pop();
        continue;
      }
      next[top] = i + 1;
      const to = out[i] as string;
      const seen = state.get(to);
      if (seen === 'open') cycles.push([...path.slice(path.indexOf(to)), to]);
      else if (seen === undefined) {
        state.set(to, 'open');
        path.push(to);
        next.push(0);
      }
    }
  }
  return cycles;
}
