import { UserManager, WebStorageStateStore } from 'oidc-client-ts'

// Sign-in at the city's identity provider (OpenID Connect, authorization code with PKCE S256), as the catalog's
// /console/config.json describes it. oidc-client-ts makes the verifier and the state, keeps them in sessionStorage
// until the provider sends the browser back to /callback, checks the state there and redeems the code.
export interface OidcSettings {
  configured: boolean
  authority?: string
  clientId?: string
  scope?: string
}

let config: Promise<OidcSettings> | undefined
let manager: UserManager | undefined

/** The catalog's sign-in settings, asked once per page load; without them (an error) the token paste still works. */
export function oidcSettings(): Promise<OidcSettings> {
  config ??= fetch(`${import.meta.env.BASE_URL}config.json`, { headers: { Accept: 'application/json' } })
    .then(r => (r.ok ? r.json() : { oidc: { configured: false } }))
    .then((body: { oidc?: OidcSettings }) => body.oidc ?? { configured: false })
    .catch(() => ({ configured: false }))
  return config
}

async function userManager(): Promise<UserManager> {
  const settings = await oidcSettings()
  if (!settings.configured || !settings.authority || !settings.clientId) {
    throw new Error('OpenID Connect sign-in is not configured')
  }

  // Everything in sessionStorage, like the token itself (session.ts): gone with the tab. No user info call, no silent
  // renewal, no session iframe: the console needs the access token once, and signs out by forgetting it.
  const store = new WebStorageStateStore({ store: window.sessionStorage })
  manager ??= new UserManager({
    authority: settings.authority,
    client_id: settings.clientId,
    scope: settings.scope ?? 'openid',
    redirect_uri: `${window.location.origin}${import.meta.env.BASE_URL}callback`,
    response_type: 'code',
    userStore: store,
    stateStore: store,
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
  })
  return manager
}

/** Off to the provider; `next` (a console path, already checked) is kept with the state, never sent to the provider. */
export async function startOidcSignIn(next: string): Promise<void> {
  await (await userManager()).signinRedirect({ state: { next } })
}

/**
 * Back from the provider: the state must be the one this tab sent (oidc-client-ts refuses any other), then the code is
 * redeemed with the verifier. Answers the access token and where the user was going; the library's own copy of the
 * user is dropped, so the session's token is the only one kept.
 */
export async function completeOidcSignIn(): Promise<{ accessToken: string; next: unknown }> {
  const users = await userManager()
  const user = await users.signinRedirectCallback()
  await users.removeUser()
  return { accessToken: user.access_token, next: (user.state as { next?: unknown } | undefined)?.next }
}
