/** Prints rows as aligned columns under a header, for people reading a terminal. */
export function printTable(header: string[], rows: string[][], write: (line: string) => void = console.log): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)))
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()
  write(line(header))
  for (const row of rows) write(line(row))
}
