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
