import type { Appointment } from '@medplum/fhirtypes';
import type { AppointmentSummary } from '../../src-preload/contract';
import { refId } from './fhir/fhirToModel';
import { VISIT_TYPE_SYSTEM } from './fhir/schedulingFhir';
import type { NetworkNames } from './offerMapping';

/** An EHR Appointment as the agent's list shows it (names from the network, times in the clinic's zone). */
export function appointmentSummary(appointment: Appointment, names: NetworkNames, pending = false): AppointmentSummary {
  const actors = (appointment.participant ?? []).map((p) => p.actor);
  const providerRef = actors.find((a) => refId(a, 'PractitionerRole') !== null || refId(a, 'Practitioner') !== null);
  const locationRef = actors.find((a) => refId(a, 'Location') !== null);
  const provider = names.providers.get(refId(providerRef, 'PractitionerRole') ?? '');
  const location = names.locations.get(refId(locationRef, 'Location') ?? '');
  const start = Date.parse(appointment.start ?? '');
  const end = Date.parse(appointment.end ?? '');
  const telehealth = appointment.serviceCategory?.some((c) => c.coding?.some((x) => x.code === 'VR')) ?? false;
  return {
    id: appointment.id ?? '',
    status: appointment.status,
    start: Number.isNaN(start) ? 0 : start,
    end: Number.isNaN(end) ? (Number.isNaN(start) ? 0 : start) : end,
    visitTypeLabel: appointment.appointmentType?.text ?? appointment.appointmentType?.coding?.[0]?.display ?? appointment.serviceType?.[0]?.text ?? 'Appointment',
    visitTypeId: appointment.appointmentType?.coding?.find((c) => c.system === VISIT_TYPE_SYSTEM)?.code ?? null,
    providerName: provider?.name ?? providerRef?.display ?? 'Clinician',
    locationName: location?.name ?? locationRef?.display ?? 'Clinic',
    timeZone: location?.timeZone ?? 'UTC',
    mode: telehealth ? 'telehealth' : 'in-person',
    pending,
  };
}
