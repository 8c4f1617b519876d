import type { Coverage, Encounter, Organization, Patient, Practitioner, Reference } from '@medplum/fhirtypes';
import type { Chart, EncounterSummary } from '../../src-preload/contract';
import { DISPOSITION_EXTENSION, ESCALATION_EXTENSION } from '../documentation/encounterTransaction';
import type { FhirClient } from './FhirClient';
import { toPatientSummary } from './patientSummary';

/** Reads what the chart pane shows: demographics, PCP, coverage and recent encounters. */
export class ChartReader {
  constructor(
    private readonly fhir: FhirClient,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(patientId: string, signal?: AbortSignal): Promise<Chart> {
    const [patient, coverages, encounters] = await Promise.all([
      this.fhir.read<Patient>('Patient', patientId, signal),
      this.fhir.search<Coverage>('Coverage', { patient: `Patient/${patientId}`, _count: '5' }, { signal }),
      this.fhir.search<Encounter>('Encounter', { subject: `Patient/${patientId}`, _sort: '-date', _count: '10' }, { signal }),
    ]);
    const [primaryCare, payers] = await Promise.all([
      this.displayOf(patient.generalPractitioner?.[0], signal),
      Promise.all(coverages.map((c) => this.displayOf(c.payor?.[0], signal))),
    ]);
    return {
      patient: toPatientSummary(patient, this.now()),
      mrn: patient.identifier?.find((i) => i.type?.coding?.some((c) => c.code === 'MR') || /mrn/i.test(i.system ?? ''))?.value ?? null,
      primaryCare,
      coverage: coverages.map((c, i) => ({
        payer: payers[i] ?? 'Unknown payer',
        plan: c.class?.find((k) => k.type?.coding?.some((x) => x.code === 'plan'))?.name ?? c.class?.[0]?.name ?? null,
        memberId: c.subscriberId ?? null,
      })),
      encounters: encounters.map(toEncounterSummary).sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '')),
      fetchedAt: Date.now(),
    };
  }

  /** A reference's display, or the referenced resource's name when the EHR left display out. */
  private async displayOf(ref: Reference | undefined, signal?: AbortSignal): Promise<string | null> {
    if (!ref) return null;
    if (ref.display) return ref.display;
    const [type, id] = (ref.reference ?? '').split('/');
    if (!id || (type !== 'Practitioner' && type !== 'Organization')) return null;
    try {
      const resource = await this.fhir.read<Practitioner | Organization>(type, id, signal);
      if (resource.resourceType === 'Organization') return resource.name ?? null;
      const n = resource.name?.[0];
      return n ? [n.prefix?.join(' '), n.given?.join(' '), n.family].filter(Boolean).join(' ') : null;
    } catch {
      return null; // a missing PCP record must not block the chart
    }
  }
}

function toEncounterSummary(e: Encounter): EncounterSummary {
  const dispo = e.extension?.find((x) => x.url === DISPOSITION_EXTENSION)?.valueCoding;
  const escalation = e.extension?.find((x) => x.url === ESCALATION_EXTENSION)?.valueCoding;
  return {
    id: e.id ?? '',
    date: e.period?.start ?? null,
    type: e.type?.[0]?.text ?? e.type?.[0]?.coding?.[0]?.display ?? e.class?.display ?? 'Encounter',
    reason: e.reasonCode?.[0]?.text ?? e.reasonCode?.[0]?.coding?.[0]?.display ?? null,
    disposition: dispo?.display ?? (escalation?.display ? `Escalated: ${escalation.display}` : null),
    performer: e.participant?.[0]?.individual?.display ?? null,
    status: e.status,
  };
}
