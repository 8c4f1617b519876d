import { protocolLinks, type Protocol } from '../../../../src-preload/contract';
import type { PlanOptions } from './engine';

/**
 * The protocols of one interview as the engine wants them: the chain that is asked in order (red-flag screen,
 * then the chosen symptom protocol) and, through `resolve`, the protocols they link to ("go to Abdominal
 * pain"), which the call session loads with the chain. Cached per protocol list, so the engine's own per-list
 * caches keep hitting across renders.
 */
export interface InterviewContent {
  readonly chain: readonly Protocol[];
  readonly options: PlanOptions;
}

const cache = new WeakMap<readonly Protocol[], Map<string, InterviewContent>>();

export function interviewContentOf(protocolIds: readonly string[], protocols: readonly Protocol[]): InterviewContent {
  const key = protocolIds.join(',');
  const perList = cache.get(protocols) ?? new Map<string, InterviewContent>();
  cache.set(protocols, perList);
  const cached = perList.get(key);
  if (cached) return cached;
  const byId = new Map(protocols.map((p) => [p.id, p]));
  const chain = protocolIds.flatMap((id) => byId.get(id) ?? []);
  const content: InterviewContent = { chain, options: { resolve: (id) => byId.get(id) } };
  perList.set(key, content);
  return content;
}

/**
 * Every protocol an interview may reach from `protocols`: the list itself, then the targets of their links,
 * transitively, each fetched once (`load` returns null for an id it cannot find: the engine then reports the
 * missing link when it compiles).
 */
export async function withLinkedProtocols(
  protocols: readonly Protocol[],
  load: (id: string) => Promise<Protocol | null>,
): Promise<Protocol[]> {
  const out = [...protocols];
  const seen = new Set(out.map((p) => p.id));
  for (let i = 0; i < out.length; i += 1) {
    for (const link of protocolLinks(out[i]!)) {
      if (seen.has(link.to)) continue;
      seen.add(link.to);
      const target = await load(link.to);
      if (target) out.push(target);
    }
  }
  return out;
}
