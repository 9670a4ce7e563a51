import type { Area } from '../area'
import { messages } from './messages'

// Grants: everyone sees the grants the API shows them (admins all, others their own); admins suspend, resume, revoke.
export const grants: Area = {
  routes: [
    { path: '/grants', component: () => import('./GrantList.vue') },
    { path: '/grants/:id', component: () => import('./GrantDetail.vue') },
  ],
  nav: [{ path: '/grants', label: 'nav.grants', kinds: ['admin', 'district', 'operator', 'department'] }],
  messages,
}
