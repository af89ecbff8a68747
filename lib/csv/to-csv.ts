// RFC 4180 CSV. Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start)
// are prefixed with a quote so an exported model name or tag cannot execute in Excel.
export type CsvCell = string | number | bigint | boolean | null | undefined | { toString(): string }

const formulaStart = /^[=+\-@\t\r]/

function escapeCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  if (typeof value === 'string' && formulaStart.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(escapeCell).join(',')).join('\r\n') + '\r\n'
}

export function csvResponse(filename: string, header: readonly string[], rows: readonly (readonly CsvCell[])[]): Response {
  return new Response(toCsv(header, rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
      'cache-control': 'private, no-store',
    },
  })
}
