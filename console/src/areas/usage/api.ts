import { request } from '../../api/client'
import { download } from '../../api/download'

// What GET /v1/usage and the bills answer, as the catalog names it (catalog/DataGateway.Catalog/Usage, Bills).
export interface UsageReport {
  from: string
  to: string
  caller: string | null
  dataset: string | null
  calls: number
  rows: number
  days: { day: string; dataset: string | null; calls: number }[]
  callers: { caller: string; name: string; kind: string; calls: number; allowed: number; rows: number }[]
  decisions: { allowed: boolean; reason: string; calls: number }[]
  topDatasets: { dataset: string; title: string; calls: number; rows: number }[]
  districts: { district: string; pulled: number; pushed: number }[]
  quotas: { grantId: string; dataset: string; state: string; dailyQuota: number | null; usedToday: number; left: number | null }[]
}

export interface OperatorTotal {
  operatorId: string
  operatorName: string
  calls: number
  total: number
  departmentPart: number
  platformPart: number
}

export interface MonthlyBills {
  month: string
  operators: OperatorTotal[]
  calls: number
  total: number
  departmentPart: number
  platformPart: number
}

export interface BillLine {
  dataset: string
  title: string
  ownerName: string
  action: string
  unitPrice: number
  calls: number
  amount: number
  departmentPart: number
  platformPart: number
}

export interface Bill {
  operatorId: string
  operatorName: string
  month: string
  currency: string
  lines: BillLine[]
  calls: number
  total: number
  departmentPart: number
  platformPart: number
}

export function usage(query: { from: string; to: string; caller?: string; dataset?: string }): Promise<UsageReport> {
  const params = new URLSearchParams({ from: query.from, to: query.to })
  for (const key of ['caller', 'dataset'] as const) {
    const value = query[key]?.trim()
    if (value) {
      params.set(key, value)
    }
  }

  return request<UsageReport>('GET', `/v1/usage?${params}`)
}

export const monthlyBills = (month: string) => request<MonthlyBills>('GET', `/v1/bills/${encodeURIComponent(month)}`)

export const statement = (operator: string, month: string) =>
  request<Bill>('GET', `/v1/bills/${encodeURIComponent(operator)}/${encodeURIComponent(month)}`)

/** A CSV the API makes (?format=csv), under the name the server gives. */
export const downloadCsv = (path: string, fallbackName: string): Promise<void> => download(`${path}?format=csv`, fallbackName)

/** Today and the month in Shanghai (UTC+8 all year), whatever the browser's own zone: the API's days are Shanghai's. */
export function shanghaiToday(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10)
}
