import type { Area } from '../area'
import { messages } from './messages'

// Applications: districts and operators apply and follow theirs; admins work the inbox of pending ones.
export const applications: Area = {
  routes: [
    { path: '/applications', component: () => import('./ApplicationList.vue') },
    { path: '/applications/new', component: () => import('./ApplyForm.vue') },
    { path: '/applications/inbox', component: () => import('./Inbox.vue') },
    { path: '/applications/:id', component: () => import('./ApplicationDetail.vue') },
  ],
  nav: [
    { path: '/applications', label: 'nav.applications', kinds: ['district', 'operator', 'department'] },
    { path: '/applications/inbox', label: 'nav.applications', kinds: ['admin'] },
  ],
  messages,
}
