export { SchedulingPane } from './SchedulingPane';
export type { SchedulingPaneProps } from './SchedulingPane';
export { UpcomingAppointments, upcomingOnly } from './UpcomingAppointments';
export type { UpcomingAppointmentsProps } from './UpcomingAppointments';
