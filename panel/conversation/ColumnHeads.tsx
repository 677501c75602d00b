// Runs in the panel. The header row of the Conversation view's tables (turns, function calls,
// time to first byte): one column header per name, so each table lists its columns once.
export function ColumnHeads({ names }: { names: readonly string[] }) {
  return (
    <thead>
      <tr>
        {names.map((name) => (
          <th key={name} scope="col">
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}
