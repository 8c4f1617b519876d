import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Protocol } from '../../../../src-preload/contract';
import { feverProtocol } from '../../test/fixtures';
import { askRaisedFirst } from './askRaisedFirst';
import type { RaisedRedFlag } from './types';

const screen = Protocol.parse(JSON.parse(readFileSync(resolve(__dirname, '../../../../resources/protocols/red-flags.json'), 'utf8')));
const raised = (...questionIds: string[]): RaisedRedFlag[] =>
  questionIds.map((questionId) => ({ label: questionId, evidence: '…', questions: [{ protocolId: 'red-flags', questionId }] }));
const ids = (p: Protocol) => p.questions.map((q) => q.id);

describe('askRaisedFirst', () => {
  it('asks the red-flag questions the caller raised first, in the screen order, and leaves the rest as written', () => {
    const [reordered] = askRaisedFirst([screen], raised('harm-with-plan', 'stroke-signs'));
    expect(ids(reordered!).slice(0, 2)).toEqual(['stroke-signs', 'harm-with-plan']);
    expect(ids(reordered!).slice(2)).toEqual(ids(screen).filter((id) => id !== 'stroke-signs' && id !== 'harm-with-plan'));
  });

  it('changes nothing without raised flags, for flags of other protocols, and for symptom protocols', () => {
    const protocols = [screen, feverProtocol];
    expect(askRaisedFirst(protocols, [])).toEqual(protocols);
    expect(askRaisedFirst(protocols, [{ label: 'x', evidence: 'x', questions: [{ protocolId: 'fever', questionId: 'stiff-neck' }] }])).toEqual(protocols);
  });

  it('never moves a question ahead of a more urgent one, nor one that depends on another answer', () => {
    const base = screen.questions[0]!;
    const urgent = { ...base, id: 'urgent' } as Protocol['questions'][number];
    const lessUrgent = { ...base, id: 'less', onYes: { disposition: 'seen-today', because: 'b', careAdviceIds: [] } } as Protocol['questions'][number];
    const dependent = { ...base, id: 'dependent', enableWhen: [{ type: 'answered', params: { questionId: 'urgent', is: false } }] } as Protocol['questions'][number];
    const protocol: Protocol = { ...screen, questions: [urgent, lessUrgent, dependent] };
    expect(ids(askRaisedFirst([protocol], raised('less', 'dependent'))[0]!)).toEqual(['urgent', 'less', 'dependent']);
  });
});
