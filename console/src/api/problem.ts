// An API error as the catalog answers it (RFC 9457 problem+json): a stable code, a title and detail in the caller's
// language, the request id, and for validation errors the messages per field, which forms show next to that field.
export interface Problem {
  status: number
  code: string
  title: string
  detail?: string
  requestId?: string
  errors: Record<string, string[]>
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title)
  }

  /** The messages for one field (its name as the API spells it), for a form item's error text. */
  field(name: string): string | undefined {
    return this.problem.errors[name]?.join('；')
  }
}

export async function readProblem(response: Response): Promise<Problem> {
  let body: Record<string, unknown> = {}
  try {
    body = await response.json()
  } catch {
    // Not JSON (a proxy's page, an empty body): the status alone says what happened.
  }

  const text = (value: unknown) => (typeof value === 'string' ? value : undefined)
  const errors: Record<string, string[]> = {}
  if (body.errors && typeof body.errors === 'object') {
    for (const [key, value] of Object.entries(body.errors as Record<string, unknown>)) {
      errors[key] = Array.isArray(value) ? value.map(String) : [String(value)]
    }
  }

  return {
    status: response.status,
    code: text(body.code) ?? `http_${response.status}`,
    title: text(body.title) ?? response.statusText,
    detail: text(body.detail),
    requestId: text(body.requestId) ?? response.headers.get('X-Request-Id') ?? undefined,
    errors,
  }
}
