import { createRouter, createWebHistory } from 'vue-router'
import { session } from './session'

// Paths under /console/; the catalog answers index.html for any of them, so a reload or a shared link works.
export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/', redirect: '/datasets' },
    { path: '/sign-in', component: () => import('./views/SignIn.vue'), meta: { public: true } },
    { path: '/datasets', component: () => import('./views/Datasets.vue') },
    { path: '/datasets/:code', component: () => import('./views/DatasetDetail.vue') },
  ],
})

router.beforeEach(to => (to.meta.public || session.token ? true : { path: '/sign-in', query: { next: to.fullPath } }))
