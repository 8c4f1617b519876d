export { EscalationPane, ESCALATE_HOTKEY, WARM_TRANSFER_HOTKEY } from './EscalationPane';
export { WarmTransferPane, warmTransferPhase } from './WarmTransferPane';
export { HandoffContext } from './HandoffContext';
