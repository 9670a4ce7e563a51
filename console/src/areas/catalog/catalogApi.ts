import { headers, list } from '../../api/client'
import { download } from '../../api/download'
import { ApiError, readProblem } from '../../api/problem'
import type { DatasetBody, DatasetView } from './types'

// The catalog's upkeep as an admin calls it: the same API and bearer token as every other client (client.ts), plus
// what client.ts has no need for elsewhere: If-Match on a replace, a CSV body, and a CSV download.

export interface Choice {
  id: string
  name: string
}

/** The departments (数源部门) that may own a dataset: one page of the largest size the API allows, never more. */
export async function departments(): Promise<Choice[]> {
  const page = await list<{ id: string; name: string }>('/v1/organizations', { kind: 'department', size: 1000 })
  return page.items.map(o => ({ id: o.id, name: o.name }))
}

/** The data services a dataset may be served by (admins only; the API refuses anyone else). */
export async function services(): Promise<Choice[]> {
  const page = await list<{ id: string; ownerId: string }>('/v1/services', { size: 1000 })
  return page.items.map(s => ({ id: s.id, name: s.ownerId }))
}

/**
 * Creates (POST) or replaces (PUT, with the version it was read at in If-Match, so a concurrent change is refused
 * rather than overwritten) a dataset.
 */
export async function saveDataset(body: DatasetBody, rowVersion: number | null): Promise<DatasetView> {
  const creating = rowVersion === null
  const path = creating ? '/v1/datasets' : `/v1/datasets/${encodeURIComponent(body.code)}`
  const extra: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' }
  if (!creating) {
    extra['If-Match'] = `"${rowVersion}"`
  }

  const response = await fetch(path, { method: creating ? 'POST' : 'PUT', headers: headers(extra), body: JSON.stringify(body) })
  if (!response.ok) {
    throw new ApiError(await readProblem(response))
  }

  return (await response.json()) as DatasetView
}

export interface ImportResult {
  datasets: number
  fields: number
  created: number
  updated: number
  encoding: string
}

/** One problem of a refused import: the spreadsheet line, the column as the file names it, what is wrong. */
export interface ImportError {
  line: number
  column: string
  message: string
}

/** A refused import: the API's problem, and its errors by line and column (all or nothing: nothing was imported). */
export class ImportRefused extends Error {
  constructor(readonly failure: ApiError, readonly errors: ImportError[], readonly errorCount: number, readonly encoding: string | undefined) {
    super(failure.message)
  }
}

/** Sends the file as it is (the catalog detects UTF-8 with or without BOM and GB18030 itself). */
export async function importCsv(file: Blob): Promise<ImportResult> {
  const response = await fetch('/v1/import/datasets', {
    method: 'POST', headers: headers({ 'Content-Type': 'text/csv', Accept: 'application/json' }), body: file,
  })
  if (response.ok) {
    return (await response.json()) as ImportResult
  }

  // The import's problem lists its errors as an array of {line, column, message}, not the usual {field: [...]}:
  // read the body once, for both the problem and the errors.
  const text = await response.text()
  let body: Record<string, unknown> = {}
  try {
    body = JSON.parse(text) as Record<string, unknown>
  } catch {
    // Not JSON: the status alone says what happened.
  }

  const problem = await readProblem(new Response(JSON.stringify({ ...body, errors: undefined }), { status: response.status, statusText: response.statusText, headers: response.headers }))
  const errors = Array.isArray(body.errors) ? (body.errors as ImportError[]) : []
  const count = typeof body.errorCount === 'number' ? body.errorCount : errors.length
  throw new ImportRefused(new ApiError(problem), errors, count, typeof body.encoding === 'string' ? body.encoding : undefined)
}

/** The whole catalog as CSV (the export takes no filters), under the name the server gives. */
export const exportCsv = (): Promise<void> => download('/v1/export/datasets', 'datasets.csv')
