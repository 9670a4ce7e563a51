import { createRouter, createWebHistory } from 'vue-router'
import { areas } from './areas'
import { session } from './session'

// Paths under /console/; the catalog answers index.html for any of them, so a reload or a shared link works.
export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    { path: '/', redirect: '/datasets' },
    { path: '/sign-in', component: () => import('./SignIn.vue'), meta: { public: true } },
    ...areas.flatMap(a => a.routes),
  ],
})

router.beforeEach(to => (to.meta.public || session.token ? true : { path: '/sign-in', query: { next: to.fullPath } }))
