import { request } from '../../api/client'
import { session } from '../../session'

// What the catalog answers for applications and the datasets they name (ApplicationView, DatasetView), and the
// few helpers the pages of both areas share: one way to call, one way to show a time, one colour per state.
export type ApplicationState = 'submitted' | 'approved' | 'rejected' | 'withdrawn'

export interface Application {
  id: string
  requesterId: string
  datasetCode: string
  scenario: string
  scenarioDescription: string
  legalBasis: string | null
  fields: string[]
  districts: string[]
  verifyFields: string[]
  validFrom: string
  validUntil: string
  dailyQuota: number | null
  state: ApplicationState
  decidedBy: string | null
  decidedAt: string | null
  rejectReason: string | null
  grantId: string | null
  rowVersion: number
  createdAt: string
}

export interface DatasetField {
  name: string
  title: string
  level: string
  personalInformation?: boolean
}

export interface Dataset {
  code: string
  title: string
  districtField?: string | null
  fields: DatasetField[]
}

/** The 16 districts' codes (310101 黄浦 … 310151 崇明); their names are texts (application.districtNames). */
export const districtCodes = [
  '310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112',
  '310113', '310114', '310115', '310116', '310117', '310118', '310120', '310151',
]

/** L4 and personal information are what an application must justify (a legal basis, 最小必要). */
export const isSensitive = (field: DatasetField | undefined) => !!field && (field.level === 'L4' || !!field.personalInformation)

export const levelType = (level: string) => (level === 'L4' ? 'danger' : level === 'L3' ? 'warning' : 'info')

export const stateType = (state: string) =>
  ({ submitted: 'warning', approved: 'success', active: 'success', rejected: 'danger', revoked: 'danger', suspended: 'warning' } as Record<string, string>)[state] ?? 'info'

export const time = (value: string | null) => (value ? new Date(value).toLocaleString(session.language) : '-')

export const day = (value: string | null) => (value ? new Date(value).toLocaleDateString(session.language) : '-')

export const loadDataset = (code: string) => request<Dataset>('GET', `/v1/datasets/${encodeURIComponent(code)}`)

export { attempt } from '../../api/attempt'

/** A day picked in the form as the API's instant: the start or the end of that day in Shanghai (UTC+8). */
export const startOfDay = (date: string) => `${date}T00:00:00+08:00`
export const endOfDay = (date: string) => `${date}T23:59:59+08:00`
