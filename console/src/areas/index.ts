import type { Area } from './area'
import { catalog } from './catalog'
import { applications } from './applications'
import { grants } from './grants'

// Every area of the console, in menu order.
export const areas: Area[] = [catalog, applications, grants]
