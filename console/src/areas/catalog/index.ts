import type { Area } from '../area'
import { messages } from './messages'

export const catalog: Area = {
  routes: [
    { path: '/datasets', component: () => import('./Datasets.vue') },
    { path: '/datasets/:code', component: () => import('./DatasetDetail.vue') },
    // The admin's pages; the menu does not list them and the API refuses their writes to anyone else.
    { path: '/datasets/:code/edit', component: () => import('./DatasetEdit.vue') },
    { path: '/catalog/new', component: () => import('./DatasetEdit.vue') },
    { path: '/catalog/import', component: () => import('./DatasetImport.vue') },
  ],
  nav: [{ path: '/datasets', label: 'nav.catalog' }],
  messages,
}
