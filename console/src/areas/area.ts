import type { RouteRecordRaw } from 'vue-router'
import type { OrgKind } from '../session'

/**
 * One part of the console (the catalog, applications, grants, usage, returns): its pages, its menu entries and its
 * texts. Each area lives in its own folder and is listed once in `areas/index.ts`, so adding one touches nothing else.
 */
export interface Area {
  routes: RouteRecordRaw[]
  /** Menu entries; `kinds` lists the organization kinds that see it (all when absent). The API still decides. */
  nav: { path: string; label: string; kinds?: OrgKind[] }[]
  /** Texts under the area's own top-level keys, Chinese first; both languages must have the same keys. */
  messages: { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> }
}
