export { SchedulingPane } from './SchedulingPane';
export type { SchedulingPaneProps } from './SchedulingPane';
