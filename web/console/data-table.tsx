import type { ComponentChildren } from 'preact';

/**
 * The console's tables (jobs, registry, history, leaderboard): a caption, one header row of
 * column names, one row per item. `cells` gives a row's `<td>`s; `rowClass` marks rows (e.g. the
 * seasonal naive baseline).
 */
export function DataTable<T>(props: {
  class?: string;
  caption: ComponentChildren;
  columns: readonly string[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string | number;
  cells: (row: T) => ComponentChildren;
  rowClass?: (row: T) => string;
}) {
  return (
    <table class={props.class}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r, i) => (
          <tr key={props.rowKey(r, i)} class={props.rowClass?.(r)}>
            {props.cells(r)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
