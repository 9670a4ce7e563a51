import { reactive } from 'vue'

// Who is signed in: the token and what its claims say of the organization. Kept in sessionStorage (gone with the
// tab), never in localStorage. The claims are read only to choose what to show; the API decides what is allowed.
export type OrgKind = 'admin' | 'district' | 'operator' | 'department'

interface Claims {
  org?: string
  org_kind?: OrgKind
  district?: string
  exp?: number
}

const stored = sessionStorage.getItem('datagateway.token')

export const session = reactive({
  token: stored as string | null,
  claims: decode(stored),
  language: (localStorage.getItem('datagateway.language') as 'zh-CN' | 'en' | null) ?? 'zh-CN',
})

export function signIn(token: string): boolean {
  const claims = decode(token)
  if (!claims.org) {
    return false
  }

  session.token = token
  session.claims = claims
  sessionStorage.setItem('datagateway.token', token)
  return true
}

export function signOut() {
  session.token = null
  session.claims = {}
  sessionStorage.removeItem('datagateway.token')
  // Whatever an unfinished sign-in at the identity provider left (oidc-client-ts keeps its state under "oidc.").
  for (const key of Object.keys(sessionStorage).filter(k => k.startsWith('oidc.'))) {
    sessionStorage.removeItem(key)
  }
}

/**
 * Where to go after signing in: a path inside the console, else the catalog. A "next" that names another site
 * ("//evil.example", "https://…", a backslash that browsers read as a slash) is not followed, nor one back into
 * signing in (a spent callback).
 */
export function consolePath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && !/^\/(sign-in|callback)\b/.test(next) ? next : '/datasets'
}

function decode(token: string | null): Claims {
  const payload = token?.split('.')[1]
  if (!payload) {
    return {}
  }

  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0)))
    return JSON.parse(json) as Claims
  } catch {
    return {}
  }
}
