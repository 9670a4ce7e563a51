import type { Area } from './area'
import { catalog } from './catalog'
import { signIn } from './sign-in'

// Every area of the console, in menu order.
export const areas: Area[] = [catalog, signIn]
