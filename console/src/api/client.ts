import { ApiError, readProblem } from './problem'
import { session } from '../session'

// The catalog's API on the same origin, as every other client calls it: the bearer token of the signed-in
// organization, the console's language in Accept-Language (the API answers its messages in it).
export interface Page<T> {
  items: T[]
  total: number
}

/** The headers every call carries (language, bearer token), with the caller's own. */
export function headers(extra: Record<string, string> = {}): Record<string, string> {
  const all: Record<string, string> = { 'Accept-Language': session.language, ...extra }
  if (session.token) {
    all.Authorization = `Bearer ${session.token}`
  }

  return all
}

/** The query string of the given parameters, leaving out the empty ones (an empty filter is no filter). */
export function queryString(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value))
    }
  }

  return params.toString()
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const extra: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) {
    extra['Content-Type'] = 'application/json'
  }

  const response = await fetch(path, { method, headers: headers(extra), body: body === undefined ? undefined : JSON.stringify(body) })
  if (!response.ok) {
    throw new ApiError(await readProblem(response))
  }

  return response.status === 204 ? (undefined as T) : ((await response.json()) as T)
}

/** A list that pages as the catalog's lists do: ?page=&size=, the total in X-Total-Count. */
export async function list<T>(path: string, query: Record<string, string | number | undefined>): Promise<Page<T>> {
  const response = await fetch(`${path}?${queryString(query)}`, { headers: headers({ Accept: 'application/json' }) })
  if (!response.ok) {
    throw new ApiError(await readProblem(response))
  }

  const body = await response.json()
  const items = (Array.isArray(body) ? body : body.items) as T[]
  const total = Number(response.headers.get('X-Total-Count') ?? body.total ?? items.length)
  return { items, total }
}
