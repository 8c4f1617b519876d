import { describe, expect, it } from 'vitest';
import { ExclusionTally } from './exclusionTally';

describe('ExclusionTally', () => {
  it('groups by rule, subject and message, biggest first, first seen first on ties', () => {
    const tally = new ExclusionTally();
    tally.add({ rule: 'taken', subject: null, message: 'Taken' }, 1);
    tally.add({ rule: 'insurance', subject: 'Dr A', message: 'Dr A does not accept X' }, 3);
    tally.add({ rule: 'taken', subject: null, message: 'Taken' }, 2);
    tally.add({ rule: 'age', subject: 'Dr B', message: 'Dr B sees children' }, 3);
    expect(tally.list()).toEqual([
      { rule: 'taken', subject: null, message: 'Taken', slots: 3 },
      { rule: 'insurance', subject: 'Dr A', message: 'Dr A does not accept X', slots: 3 },
      { rule: 'age', subject: 'Dr B', message: 'Dr B sees children', slots: 3 },
    ]);
  });
});
