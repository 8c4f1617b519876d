/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR. Part of the synthetic population generator.
 *
 * Codings and references that are identical across thousands of generated resources are built once and
 * shared. With 100,000 patients this saves a large part of the demo EHR's memory. Shared values are deeply
 * frozen, so code that (wrongly) mutates a generated resource in place fails loudly instead of silently
 * changing every other resource that shares the value. Treat generated resources as read-only.
 */

export function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) frozen(child);
    Object.freeze(value);
  }
  return value;
}

/** A small keyed cache of frozen values; keys come from fixed vocabularies, so it stays bounded. */
export function sharedBy<T>(make: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = frozen(make(key));
      cache.set(key, value);
    }
    return value;
  };
}
