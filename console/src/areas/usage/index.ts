import type { Area } from '../area'
import { messages } from './messages'

// Usage (charts over GET /v1/usage) and monthly bills. Districts have usage but no bills; departments neither.
export const usage: Area = {
  routes: [
    { path: '/usage', component: () => import('./UsagePage.vue') },
    { path: '/bills', component: () => import('./BillsPage.vue') },
  ],
  nav: [
    { path: '/usage', label: 'nav.usage', kinds: ['admin', 'operator', 'district'] },
    { path: '/bills', label: 'usage.billsNav', kinds: ['admin', 'operator'] },
  ],
  messages,
}
