import { ApiError, readProblem } from './problem'
import { session } from '../session'

// The catalog's API on the same origin, as every other client calls it: the bearer token of the signed-in
// organization, the console's language in Accept-Language (the API answers its messages in it).
export interface Page<T> {
  items: T[]
  total: number
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': session.language, Accept: 'application/json' }
  if (session.token) {
    headers.Authorization = `Bearer ${session.token}`
  }

  if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
  }

  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  if (!response.ok) {
    throw new ApiError(await readProblem(response))
  }

  return response.status === 204 ? (undefined as T) : ((await response.json()) as T)
}

/** A list that pages as the catalog's lists do: ?page=&size=, the total in X-Total-Count. */
export async function list<T>(path: string, query: Record<string, string | number | undefined>): Promise<Page<T>> {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value))
    }
  }

  const headers: Record<string, string> = { 'Accept-Language': session.language, Accept: 'application/json' }
  if (session.token) {
    headers.Authorization = `Bearer ${session.token}`
  }

  const response = await fetch(`${path}?${params}`, { headers })
  if (!response.ok) {
    throw new ApiError(await readProblem(response))
  }

  const body = await response.json()
  const items = (Array.isArray(body) ? body : body.items) as T[]
  const total = Number(response.headers.get('X-Total-Count') ?? body.total ?? items.length)
  return { items, total }
}
