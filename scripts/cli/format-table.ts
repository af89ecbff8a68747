/** Left-aligned columns separated by two spaces, header first; plain text so it greps and pipes well. */
export function formatTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)]
}

/** UTC, minute precision: enough to tell keys apart without implying a time zone. */
export function formatTime(date: Date | null | undefined, empty = '-'): string {
  return date ? `${date.toISOString().slice(0, 16).replace('T', ' ')}Z` : empty
}
