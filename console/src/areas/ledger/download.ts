import { readProblem, ApiError } from '../../api/problem'
import { session } from '../../session'

// A file the API makes (a CSV export) downloaded with the bearer token: a plain link could not carry the token, and a
// token in the URL would end up in logs. The file keeps the name the server gave it.
export async function download(path: string, fallbackName: string): Promise<void> {
  const headers: Record<string, string> = { 'Accept-Language': session.language }
  if (session.token) {
    headers.Authorization = `Bearer ${session.token}`
  }

  const response = await fetch(path, { headers })
  if (!response.ok) {
    throw new ApiError(await readProblem(response))
  }

  const name = /filename="?([^";]+)"?/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName
  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The click has handed the blob to the browser's download; the URL is no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** The query string of the given parameters, without the empty ones. */
export function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value))
    }
  }

  return params.toString()
}
