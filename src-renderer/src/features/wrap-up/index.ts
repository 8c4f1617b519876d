export { FINISH_HOTKEY, WRAP_UP_LABELS, WrapUpPane, suggestedCode } from './WrapUpPane';
