import type { Area } from './area'
import { catalog } from './catalog'
import { applications } from './applications'
import { grants } from './grants'
import { usage } from './usage'
import { ledger } from './ledger'
import { returns } from './returns'
import { signIn } from './sign-in'

// Every area of the console, in menu order.
export const areas: Area[] = [catalog, applications, grants, usage, ledger, returns, signIn]
