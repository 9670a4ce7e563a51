import type { Area } from './area'
import { catalog } from './catalog'
import { usage } from './usage'

// Every area of the console, in menu order.
export const areas: Area[] = [catalog, usage]
