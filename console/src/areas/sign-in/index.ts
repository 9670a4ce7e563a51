import type { Area } from '../area'
import { messages } from './messages'

// Sign-in at the identity provider: the page it sends the browser back to. Public (no one is signed in yet); no menu.
export const signIn: Area = {
  routes: [{ path: '/callback', component: () => import('./SignInCallback.vue'), meta: { public: true } }],
  nav: [],
  messages,
}
