import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ServiceLine, ServiceLineCatalog as CatalogSchema } from '../../src-preload/contract';

/**
 * Service lines are data (resources/service-lines.json): each dialed number maps to a line that filters the
 * call types offered and the knowledge shown. A file that does not validate stops start-up with the reason,
 * rather than offering agents a half-configured line.
 */
export class ServiceLineCatalog {
  private readonly byDnis = new Map<string, ServiceLine>();

  constructor(readonly lines: readonly ServiceLine[]) {
    for (const line of lines) for (const dnis of line.dnis) this.byDnis.set(dnis, line);
  }

  static fromFile(path: string): ServiceLineCatalog {
    const parsed = CatalogSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      throw new Error(`Service line file ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return new ServiceLineCatalog(parsed.data.serviceLines);
  }

  static fromResources(resourcesDir: string): ServiceLineCatalog {
    return ServiceLineCatalog.fromFile(join(resourcesDir, 'service-lines.json'));
  }

  forDnis(dnis: string): ServiceLine | null {
    return this.byDnis.get(dnis) ?? null;
  }

  get(id: string): ServiceLine | null {
    return this.lines.find((l) => l.id === id) ?? null;
  }
}
