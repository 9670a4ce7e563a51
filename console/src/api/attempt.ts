import type { Ref } from 'vue'
import { ApiError } from './problem'

/**
 * Runs one call with its loading flag, keeping the API's problem for the page to show (beside a field, or in a
 * ProblemAlert); anything that is not a problem+json answer is a bug and is thrown on. True when the call succeeded.
 */
export async function attempt(loading: Ref<boolean>, failure: Ref<ApiError | null>, work: () => Promise<void>): Promise<boolean> {
  loading.value = true
  try {
    return await guard(failure, work)
  } finally {
    loading.value = false
  }
}

/** The same without a loading flag: for a refresh in the background, where a spinner would only flicker. */
export async function guard(failure: Ref<ApiError | null>, work: () => Promise<void>): Promise<boolean> {
  failure.value = null
  try {
    await work()
    return true
  } catch (e) {
    if (!(e instanceof ApiError)) {
      throw e
    }

    failure.value = e
    return false
  }
}
