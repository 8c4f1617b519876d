export { SchedulingPane } from './SchedulingPane';
export type { SchedulingPaneProps } from './SchedulingPane';
export { UpcomingAppointments, upcomingOnly } from './UpcomingAppointments';
export { useAppointmentActions } from './useAppointmentActions';
export type { UpcomingAppointmentActions, UpcomingAppointmentsProps } from './UpcomingAppointments';
export { WaitlistView } from './WaitlistView';
export type { WaitlistViewProps } from './WaitlistView';
export { MassRescheduleView, massRequest, notifyListCsv, notifyListText } from './MassRescheduleView';
export type { MassRescheduleViewProps } from './MassRescheduleView';
