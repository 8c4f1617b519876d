import { Table } from '@mantine/core';

export interface TableHeadProps {
  /** Column headings; an empty string is a column without a visible heading (named by `aria-label`). */
  readonly columns: readonly (string | { readonly label: string; readonly ariaLabel?: string })[];
}

/** One header row for the scheduling tables. */
export function TableHead(props: TableHeadProps) {
  return (
    <Table.Thead>
      <Table.Tr>
        {props.columns.map((c, i) => {
          const column = typeof c === 'string' ? { label: c } : c;
          return (
            <Table.Th key={`${column.label}-${i}`} aria-label={column.ariaLabel}>
              {column.label}
            </Table.Th>
          );
        })}
      </Table.Tr>
    </Table.Thead>
  );
}
