import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/renderWithProviders';
import type { AnswerValue, CurrentQuestion } from './engine';
import { QuestionAnswerInput } from './QuestionAnswerInput';

const base: CurrentQuestion = {
  protocolId: 'p',
  protocolTitle: 'P',
  protocolKind: 'symptom',
  questionId: 'q',
  text: 'Question?',
  help: null,
  index: 1,
  total: 1,
  indexInProtocol: 1,
  totalInProtocol: 1,
  type: 'single-choice',
  options: [
    { id: 'sudden', label: 'Suddenly', key: '1' },
    { id: 'gradual', label: 'Gradually', key: '2' },
  ],
  unit: null,
  min: null,
  max: null,
  decimals: null,
  maxLength: null,
};

function renderInput(question: CurrentQuestion, problemWith: (a: AnswerValue) => string | null = () => null) {
  const onAnswer = vi.fn();
  const view = renderWithProviders(<QuestionAnswerInput question={question} problemWith={problemWith} onAnswer={onAnswer} />, { session: false });
  return { ...view, onAnswer };
}

describe('QuestionAnswerInput', () => {
  it('answers a single choice with its digit, and "does not know" with Alt+U', async () => {
    const { user, onAnswer } = renderInput(base);
    await user.keyboard('2');
    expect(onAnswer).toHaveBeenLastCalledWith({ choice: 'gradual' });
    await user.keyboard('{Alt>}u{/Alt}');
    expect(onAnswer).toHaveBeenLastCalledWith('unknown');
  });

  it('toggles multi-choice options with digits and submits them in content order with Enter; none is an answer too', async () => {
    const { user, onAnswer } = renderInput({ ...base, type: 'multi-choice' });
    await user.keyboard('2');
    await user.keyboard('1');
    await user.keyboard('{Enter}');
    expect(onAnswer).toHaveBeenLastCalledWith({ choices: ['sudden', 'gradual'] });
    await user.keyboard('1');
    await user.keyboard('2');
    expect(screen.getByTestId('interview-submit')).toHaveTextContent('None of these');
    await user.keyboard('{Enter}');
    expect(onAnswer).toHaveBeenLastCalledWith({ choices: [] });
  });

  it('takes a number typed with Enter, and keeps it with the reason when the engine refuses it', async () => {
    const problemWith = (a: AnswerValue) => (typeof a === 'object' && 'number' in a && a.number > 110 ? `${a.number} is outside 90–110 °F` : null);
    const { user, onAnswer } = renderInput({ ...base, type: 'number', options: [], unit: '°F', min: 90, max: 110, decimals: 1 }, problemWith);
    const input = screen.getByTestId('interview-number-input');
    expect(input).toHaveFocus();
    await user.keyboard('1025{Enter}');
    expect(screen.getByTestId('interview-answer-problem')).toHaveTextContent('1025 is outside 90–110 °F');
    expect(onAnswer).not.toHaveBeenCalled();
    expect(input).toHaveValue('1025');
    await user.clear(input);
    await user.keyboard('102.5{Enter}');
    expect(onAnswer).toHaveBeenLastCalledWith({ number: 102.5 });
  });

  it('asks for a value instead of sending an empty number or text', async () => {
    const { user, onAnswer } = renderInput({ ...base, type: 'free-text', options: [], maxLength: 200 });
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('interview-answer-problem')).toHaveTextContent('Type what the caller said');
    await user.keyboard('Started after lunch{Enter}');
    expect(onAnswer).toHaveBeenLastCalledWith({ text: 'Started after lunch' });
  });
});
