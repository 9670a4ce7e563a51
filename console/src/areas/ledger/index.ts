import type { Area } from '../area'
import { messages } from './messages'

// Every organization reads its own calls (admins everyone's): the API scopes the answer, the menu shows it to all.
export const ledger: Area = {
  routes: [{ path: '/ledger', component: () => import('./Ledger.vue') }],
  nav: [{ path: '/ledger', label: 'nav.ledger' }],
  messages,
}
