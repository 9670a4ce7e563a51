import { headers } from './client'
import { ApiError, readProblem } from './problem'

/**
 * A file the API makes (a CSV export, a bill) saved under the name the server gives (Content-Disposition). Fetched with
 * the bearer token — a plain link could not carry it, and a token in the URL would end up in logs — then handed to the
 * browser's download as a Blob; the console never builds the file itself.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(path, { headers: headers({ Accept: 'text/csv' }) })
  if (!response.ok) {
    throw new ApiError(await readProblem(response))
  }

  const url = URL.createObjectURL(await response.blob())
  const link = document.createElement('a')
  link.href = url
  link.download = fileName(response.headers.get('Content-Disposition')) ?? fallbackName
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoked later, not at once: the browser reads the Blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

/** The file name of a Content-Disposition header (filename*=UTF-8'' first, then filename=), without any path. */
export function fileName(disposition: string | null): string | undefined {
  if (!disposition) {
    return undefined
  }

  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)
  let name: string | undefined
  try {
    name = extended ? decodeURIComponent(extended[1].trim()) : plain?.[1].trim()
  } catch {
    name = plain?.[1].trim()
  }

  // The browser sanitises too; a name is never a path.
  return name?.split(/[\\/]/).pop() || undefined
}
