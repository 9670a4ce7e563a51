// A return job as GET /v1/returns and /v1/returns/{id} answer it (catalog Returns/ReturnView.cs).
export interface Receipt {
  district: string
  organizationId: string
  state: 'pending' | 'delivering' | 'waiting' | 'delivered' | 'failed'
  sourceRows: number | null
  rowsDelivered: number
  batches: number
  failures: number
  lastErrorCode: string | null
  lastErrorMessage: string | null
  reconciled: boolean | null
}

export interface ReturnJob {
  id: string
  dataset: string
  mode: 'full' | 'incremental'
  state: 'queued' | 'running' | 'paused' | 'cancelled' | 'completed' | 'failed'
  requestedBy: string
  createdAt: string
  finishedAt: string | null
  sourceTotal: number | null
  rowsRead: number
  held: { total: number }
  progress: { percent: number; rowsDelivered: number; rowsExpected: number | null }
  errorCode: string | null
  errorMessage: string | null
  districts: Receipt[]
  gaps: string[]
}

/**
 * A receipt to look at: the API's reconciliation gap (the district's rows in the source differ from those it
 * acknowledged), or a district whose delivery failed for good.
 */
export function isGap(job: ReturnJob, receipt: Receipt): boolean {
  return job.gaps.includes(receipt.district) || receipt.state === 'failed'
}

export type Action = 'pause' | 'resume' | 'cancel'

/** The actions the API accepts in the job's state (ReturnsApi: queued → running ⇄ paused, …); it still decides. */
export function allowedActions(job: ReturnJob): Action[] {
  const retryable = job.districts.some(r => r.state === 'failed' || r.state === 'waiting')
  const actions: Action[] = []
  if (job.state === 'queued' || job.state === 'running') {
    actions.push('pause')
  }

  if (job.state === 'paused' || job.state === 'failed' || (job.state === 'completed' && retryable)) {
    actions.push('resume')
  }

  if (job.state !== 'completed' && job.state !== 'cancelled') {
    actions.push('cancel')
  }

  return actions
}
