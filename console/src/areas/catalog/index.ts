import type { Area } from '../area'
import { messages } from './messages'

export const catalog: Area = {
  routes: [
    { path: '/datasets', component: () => import('./Datasets.vue') },
    { path: '/datasets/:code', component: () => import('./DatasetDetail.vue') },
  ],
  nav: [{ path: '/datasets', label: 'nav.catalog' }],
  messages,
}
