import type { Area } from './area'
import { catalog } from './catalog'

// Every area of the console, in menu order.
export const areas: Area[] = [catalog]
