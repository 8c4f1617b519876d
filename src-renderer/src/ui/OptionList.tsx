import { Box, UnstyledButton } from '@mantine/core';
import { useMergedRef } from '@mantine/hooks';
import { type KeyboardEvent, type ReactNode, type Ref, useId, useLayoutEffect, useRef } from 'react';

export interface OptionListProps<T> {
  readonly items: readonly T[];
  readonly getKey: (item: T) => string;
  readonly renderItem: (item: T, state: { readonly selected: boolean; readonly index: number }) => ReactNode;
  readonly selectedKey: string | null;
  readonly onSelect: (item: T) => void;
  /** Enter or double click on the selected item. */
  readonly onConfirm?: (item: T) => void;
  /** Accessible name of the list. */
  readonly label: string;
  readonly 'data-testid'?: string;
  readonly optionTestId?: string;
  /** The listbox element (React 19 ref prop), e.g. to focus it when a call is answered. */
  readonly ref?: Ref<HTMLDivElement>;
  readonly autoFocus?: boolean;
}

/**
 * A keyboard-first single-choice list (ARIA listbox with aria-activedescendant): ↑/↓, Home/End and the number
 * keys 1–9 move the choice, Enter confirms it. The list itself takes focus, so one Tab reaches it and the
 * arrow keys do the rest, which is how agents work a list while talking.
 */
export function OptionList<T>({ ref, ...props }: OptionListProps<T>) {
  const { items, getKey, selectedKey, onSelect, onConfirm } = props;
  const baseId = useId();
  const ownRef = useRef<HTMLDivElement>(null);
  const mergedRef = useMergedRef(ownRef, ref);
  // React's autoFocus only applies to form controls; the listbox is a div. Layout effect: focused before paint.
  const autoFocus = props.autoFocus ?? false;
  useLayoutEffect(() => {
    if (autoFocus) ownRef.current?.focus();
  }, [autoFocus]);
  const selectedIndex = items.findIndex((item) => getKey(item) === selectedKey);
  const optionId = (index: number) => `${baseId}-option-${index}`;

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = nextIndex(event.key, selectedIndex, items.length);
    if (target !== null) {
      event.preventDefault();
      const item = items[target];
      if (item !== undefined) onSelect(item);
      return;
    }
    if (event.key === 'Enter' && onConfirm) {
      const item = items[selectedIndex];
      if (item !== undefined) {
        event.preventDefault();
        onConfirm(item);
      }
    }
  };

  return (
    <Box
      ref={mergedRef}
      role="listbox"
      aria-label={props.label}
      aria-activedescendant={selectedIndex >= 0 ? optionId(selectedIndex) : undefined}
      tabIndex={0}
      onKeyDown={handleKeyDown}
      data-testid={props['data-testid']}
      style={{ outlineOffset: 2, display: 'flex', flexDirection: 'column', gap: 6 }}
    >
      {items.map((item, index) => {
        const selected = index === selectedIndex;
        return (
          <UnstyledButton
            key={getKey(item)}
            id={optionId(index)}
            component="div"
            role="option"
            aria-selected={selected}
            tabIndex={-1}
            data-testid={props.optionTestId}
            data-key={getKey(item)}
            onClick={() => onSelect(item)}
            onDoubleClick={() => onConfirm?.(item)}
            style={{
              borderRadius: 'var(--mantine-radius-sm)',
              border: `1px solid ${selected ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-gray-3)'}`,
              background: selected ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-body)',
              padding: '8px 10px',
            }}
          >
            {props.renderItem(item, { selected, index })}
          </UnstyledButton>
        );
      })}
    </Box>
  );
}

/** Where a navigation key moves the choice, or null when the key is not a navigation key. */
export function nextIndex(key: string, current: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : Math.min(count - 1, current + 1);
    case 'ArrowUp':
      return current < 0 ? 0 : Math.max(0, current - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default: {
      if (/^[1-9]$/.test(key)) {
        const index = Number(key) - 1;
        return index < count ? index : null;
      }
      return null;
    }
  }
}
