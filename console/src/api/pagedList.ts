import { ref, type Ref } from 'vue'
import { attempt } from './attempt'
import { list } from './client'
import type { ApiError } from './problem'

/**
 * One server page of a catalog list at a time (?page=&size=, the total from X-Total-Count), as every list page of the
 * console shows it: `load` fetches the current page with the filters `query` gives, `reload` goes back to page 1 (a
 * changed filter or page size), and `loading`/`failure` drive the table's v-loading and the ProblemAlert.
 */
export function usePagedList<T>(path: string, query: () => Record<string, string | number | undefined>, size = 20) {
  const page = ref(1)
  const pageSize = ref(size)
  const rows = ref<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const failure = ref<ApiError | null>(null)

  const load = () => attempt(loading, failure, async () => {
    const result = await list<T>(path, { ...query(), page: page.value, size: pageSize.value })
    rows.value = result.items
    total.value = result.total
  })

  function reload() {
    page.value = 1
    void load()
  }

  return { page, size: pageSize, rows, total, loading, failure, load, reload }
}
