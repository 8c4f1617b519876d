export { ESCALATE_HOTKEY, EscalationPane } from './EscalationPane';
