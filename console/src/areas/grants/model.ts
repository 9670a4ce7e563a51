// A grant as the catalog answers it (GrantView) and one event of its history (HistoryEvent).
export type GrantState = 'active' | 'suspended' | 'revoked' | 'expired'
export type GrantAction = 'suspend' | 'resume' | 'revoke'

export interface Grant {
  id: string
  applicationId: string | null
  organizationId: string
  datasetCode: string
  scenario: string
  fields: string[]
  districts: string[]
  verifyFields: string[]
  validFrom: string
  validUntil: string
  dailyQuota: number | null
  state: GrantState
  rowVersion: number
  updatedAt: string
}

export interface GrantEvent {
  seq: number
  version: number
  at: string
  actor: string
  action: string
  change?: { reason?: string | null } | null
}

/**
 * The actions the workflow allows from a state (GrantStates.After): active ⇄ suspended, either (or expired) → revoked.
 * Only these buttons are offered; the API decides all the same.
 */
export function allowedActions(state: GrantState): GrantAction[] {
  switch (state) {
    case 'active': return ['suspend', 'revoke']
    case 'suspended': return ['resume', 'revoke']
    case 'expired': return ['revoke']
    default: return []
  }
}
