import type { EscalationHandoff } from '../schemas/call';

/** TEST ONLY (main and renderer tests share it). The escalation a warm transfer brings, as the nurse's desk reads it. */
export function testHandoff(overrides: Partial<EscalationHandoff> = {}): EscalationHandoff {
  return {
    contextId: '6f1c7a52-3c1e-4c55-9a0e-2b7d1d2f0a1b',
    taskId: 'task-42',
    route: 'warm-transfer',
    priority: 'urgent',
    reasonForCall: 'Chest hurts since this morning',
    priorityReason: null,
    escalatedBy: 'Alex Rivera (agent)',
    escalatedAt: '2026-12-07T22:00:00.000Z',
    redFlagAnswers: [{ question: 'Is the patient struggling to breathe?', answer: 'No' }],
    ...overrides,
  };
}
