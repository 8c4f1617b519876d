export { ReasonPane, SUBMIT_REASON_HOTKEY } from './ReasonPane';
export { interviewInputFor } from './interviewInputFor';
export { useProtocols } from './useProtocols';
