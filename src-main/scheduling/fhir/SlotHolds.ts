import type { Bundle, BundleEntry, Slot as FhirSlot } from '@medplum/fhirtypes';
import { FhirError, type FhirClient } from '../../ehr/FhirClient';
import { holdOf } from './fhirToModel';
import { HOLD_EXTENSION } from './schedulingFhir';

/**
 * Holds: a short reservation other workstations can see. The Slot goes to busy-tentative with the hold id
 * and expiry in an extension, written with If-Match on the version we just read, all the hold's slots in one
 * transaction (all or none). A 412/409 means someone wrote the slot after we read it: a conflict, never
 * retried blindly. A hold past its expiry counts as free for everyone, so a crashed workstation cannot keep
 * a slot away from patients.
 */
export type HoldOutcome = { readonly ok: true; readonly versions: ReadonlyMap<string, string> } | { readonly ok: false; readonly reason: string };

export class SlotTakenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlotTakenError';
  }
}

/** Whether `holdId` may take this slot now: free, a lapsed hold, or already ours. */
export function availableTo(slot: FhirSlot, holdId: string | null, now: number): boolean {
  if (slot.status === 'free') return true;
  if (slot.status !== 'busy-tentative') return false;
  const hold = holdOf(slot);
  if (!hold) return false; // someone else's tentative booking
  return hold.holdId === holdId || hold.expires <= now;
}

export function withHold(slot: FhirSlot, holdId: string, expiresAt: number): FhirSlot {
  return {
    ...withoutHold(slot),
    status: 'busy-tentative',
    extension: [
      ...(withoutHold(slot).extension ?? []),
      { url: HOLD_EXTENSION, extension: [{ url: 'holdId', valueString: holdId }, { url: 'expires', valueInstant: new Date(expiresAt).toISOString() }] },
    ],
  };
}

export function withoutHold(slot: FhirSlot): FhirSlot {
  const extension = (slot.extension ?? []).filter((e) => e.url !== HOLD_EXTENSION);
  const { extension: _drop, meta: _meta, ...rest } = slot;
  return { ...rest, ...(extension.length > 0 ? { extension } : {}) };
}

/** A conditional update entry: PUT with If-Match on the version read (weak ETag, as servers send it). */
export function conditionalPut(slot: FhirSlot, version: string | undefined): BundleEntry {
  return { resource: slot, request: { method: 'PUT', url: `Slot/${slot.id}`, ...(version ? { ifMatch: `W/"${version}"` } : {}) } };
}

export function isVersionConflict(error: unknown): boolean {
  return error instanceof FhirError && error.kind === 'http' && (error.status === 412 || error.status === 409);
}

export class SlotHolds {
  constructor(
    private readonly fhir: FhirClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Holds every slot or none. Returns the new versions (booking checks them) or why it could not. */
  async hold(slotIds: readonly string[], holdId: string, expiresAt: number, signal?: AbortSignal): Promise<HoldOutcome> {
    const slots = await Promise.all(slotIds.map((id) => this.fhir.read<FhirSlot>('Slot', id, signal)));
    const now = this.now();
    if (!slots.every((s) => availableTo(s, holdId, now))) return { ok: false, reason: 'The slot was just taken by someone else.' };
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: slots.map((s) => conditionalPut(withHold(s, holdId, expiresAt), s.meta?.versionId)),
    };
    try {
      const response = await this.fhir.transaction(bundle, signal);
      const versions = new Map<string, string>();
      (response.entry ?? []).forEach((e, i) => {
        const version = (e.resource as FhirSlot | undefined)?.meta?.versionId ?? etagVersion(e.response?.etag);
        if (version && slotIds[i]) versions.set(slotIds[i], version);
      });
      return { ok: true, versions };
    } catch (error) {
      if (isVersionConflict(error)) return { ok: false, reason: 'The slot was just taken by someone else.' };
      throw error;
    }
  }

  /**
   * Puts our held slots back to free (If-Match; slots no longer ours are left alone). A conflict on release
   * is not an error for the agent: someone changed the slot, so it is not ours to free.
   */
  async release(slotIds: readonly string[], holdId: string, signal?: AbortSignal): Promise<number> {
    const slots = await Promise.all(slotIds.map((id) => this.fhir.read<FhirSlot>('Slot', id, signal)));
    const ours = slots.filter((s) => s.status === 'busy-tentative' && holdOf(s)?.holdId === holdId);
    if (ours.length === 0) return 0;
    try {
      await this.fhir.transaction({ resourceType: 'Bundle', type: 'transaction', entry: ours.map((s) => conditionalPut({ ...withoutHold(s), status: 'free' }, s.meta?.versionId)) }, signal);
      return ours.length;
    } catch (error) {
      if (isVersionConflict(error)) return 0;
      throw error;
    }
  }
}

/** 'W/"3"' -> '3'. */
export function etagVersion(etag: string | undefined): string | undefined {
  return /"([^"]+)"/.exec(etag ?? '')?.[1];
}
