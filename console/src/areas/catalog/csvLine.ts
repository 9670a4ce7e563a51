/**
 * The cells of one CSV line as the catalog's reader splits them (commas, double quotes around a cell, "" for a quote
 * inside). Only to show an import error beside its row: a cell spanning lines is cut at the line's end.
 */
export function csvCells(line: string): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') {
        quoted = false
      } else {
        cell += c
      }
    } else if (c === '"') {
      quoted = true
    } else if (c === ',') {
      cells.push(cell)
      cell = ''
    } else {
      cell += c
    }
  }

  cells.push(cell)
  return cells
}
