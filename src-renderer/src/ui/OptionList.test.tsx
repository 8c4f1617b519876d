import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { OptionList, nextIndex } from './OptionList';

function Harness(props: { onConfirm: (item: string) => void }) {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <MantineProvider env="test">
      <OptionList
        label="Fruit"
        items={['apple', 'banana', 'cherry']}
        getKey={(s) => s}
        selectedKey={selected}
        onSelect={setSelected}
        onConfirm={props.onConfirm}
        renderItem={(s) => s}
        autoFocus
      />
    </MantineProvider>
  );
}

describe('OptionList', () => {
  it('is a focusable listbox driven by arrows, numbers and Enter', async () => {
    const user = userEvent.setup();
    const onConfirm = vi.fn();
    render(<Harness onConfirm={onConfirm} />);
    const list = screen.getByRole('listbox', { name: 'Fruit' });
    expect(list).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(screen.getByRole('option', { name: 'banana' })).toHaveAttribute('aria-selected', 'true');
    expect(list).toHaveAttribute('aria-activedescendant', screen.getByRole('option', { name: 'banana' }).id);
    await user.keyboard('3{Enter}');
    expect(onConfirm).toHaveBeenCalledWith('cherry');
  });
});

describe('nextIndex', () => {
  it('moves within bounds and maps 1–9 to rows', () => {
    expect(nextIndex('ArrowDown', -1, 3)).toBe(0);
    expect(nextIndex('ArrowDown', 2, 3)).toBe(2);
    expect(nextIndex('ArrowUp', 0, 3)).toBe(0);
    expect(nextIndex('End', 0, 3)).toBe(2);
    expect(nextIndex('2', 0, 3)).toBe(1);
    expect(nextIndex('4', 0, 3)).toBeNull();
    expect(nextIndex('x', 0, 3)).toBeNull();
    expect(nextIndex('ArrowDown', -1, 0)).toBeNull();
  });
});
