import type { Area } from '../area'
import { messages } from './messages'

// Operators have no return jobs (the API refuses them); a district sees the jobs that push to it, with its own receipt.
export const returns: Area = {
  routes: [
    { path: '/returns', component: () => import('./Returns.vue') },
    { path: '/returns/:id', component: () => import('./ReturnDetail.vue') },
  ],
  nav: [{ path: '/returns', label: 'nav.returns', kinds: ['admin', 'district', 'department'] }],
  messages,
}
