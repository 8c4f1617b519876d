import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Protocol } from '../../src-preload/contract';

/**
 * Clinical content loaded from resources/protocols/*.json and validated against the contract's schema.
 * Invalid content is refused at load with the file and the reason; clinical changes never touch code.
 */
export class ProtocolLibrary {
  private constructor(private readonly protocols: ReadonlyMap<string, Protocol>) {}

  static fromDirectory(dir: string): ProtocolLibrary {
    const map = new Map<string, Protocol>();
    const problems: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      } catch (error) {
        problems.push(`${file}: not JSON (${(error as Error).message})`);
        continue;
      }
      const parsed = Protocol.safeParse(raw);
      if (!parsed.success) {
        problems.push(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        continue;
      }
      if (map.has(parsed.data.id)) problems.push(`${file}: duplicate protocol id ${parsed.data.id}`);
      map.set(parsed.data.id, parsed.data);
    }
    if (problems.length) throw new Error(`Protocol content in ${dir} is invalid:\n${problems.join('\n')}`);
    return new ProtocolLibrary(map);
  }

  get(id: string): Protocol | null {
    return this.protocols.get(id) ?? null;
  }

  ids(): string[] {
    return [...this.protocols.keys()];
  }
}
