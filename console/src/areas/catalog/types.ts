// The catalog's dataset as the API sends and receives it (DatasetBody / DatasetView in catalog/DataGateway.Catalog).
export const levels = ['L1', 'L2', 'L3', 'L4'] as const
export const sharings = ['unconditional', 'conditional', 'not_shared'] as const
export const fieldTypes = ['string', 'number', 'integer', 'boolean', 'date', 'datetime', 'object', 'array'] as const

export interface FieldBody {
  name: string
  title: string
  type: string
  level: string
  personalInformation: boolean
  mask: string
}

export interface DatasetView {
  code: string
  title: string
  description: string
  ownerId: string
  domain: string
  sharing: string
  openForOperation: boolean
  districtField?: string | null
  districtReturnFields: string[]
  queryPrice: number
  verifyPrice: number
  revenueShare: number
  standardLevel: string
  maxPageSize: number
  consentSubjectField?: string | null
  recordKeyField?: string | null
  disputeAnswerDays: number
  fields: FieldBody[]
  service?: { serviceId: string; path: string; recordPath: string } | null
  rowVersion: number
}

/** What a create (POST) or replace (PUT) sends: the whole entry, the fields in the admin's order. */
export interface DatasetBody {
  code: string
  title: string
  description: string
  ownerId: string
  serviceId: string
  path: string
  domain: string
  sharing: string
  openForOperation: boolean
  districtField: string | null
  recordPath: string
  districtReturnFields: string[] | null
  queryPrice: number
  verifyPrice: number
  revenueShare: number
  standardLevel: string
  maxPageSize: number | null
  consentSubjectField: string | null
  recordKeyField: string | null
  disputeAnswerDays: number | null
  fields: FieldBody[]
}

/** The highest level among a dataset's fields: what an application must justify. */
export function maxLevel(fields: { level: string }[]): string {
  return fields.map(f => f.level).sort().at(-1) ?? '-'
}

export function levelType(level: string): 'danger' | 'warning' | 'info' {
  return level === 'L4' ? 'danger' : level === 'L3' ? 'warning' : 'info'
}
