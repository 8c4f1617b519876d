import { screen } from '@testing-library/react';

/**
 * An option of an open Mantine Select, by name. The symptom checker's suggestion list is a listbox too, with
 * options of the same names; its options carry data-key, the Select's do not.
 */
export async function findSelectOption(name: RegExp): Promise<HTMLElement> {
  const options = await screen.findAllByRole('option', { name });
  const option = options.find((o) => !o.hasAttribute('data-key'));
  if (!option) throw new Error(`No Select option named ${String(name)}`);
  return option;
}
