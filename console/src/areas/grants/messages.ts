// Texts of the grants area, Chinese first, the same keys in both.
export const messages = {
  'zh-CN': {
    grant: {
      title: '授权', list: '授权列表', dataset: '数据资源', datasetFilter: '数据资源编码', holder: '被授权单位', scenario: '应用场景',
      fields: '字段', districts: '区域', dailyQuota: '每日调用上限', validity: '有效期', state: '状态', updatedAt: '更新时间',
      application: '来源申请', openApplication: '查看申请', verifyFields: '仅核验字段', empty: '暂无授权', search: '查询',
      unlimited: '不限', allDistricts: '按申请（本区或全市）', history: '变更历史', reason: '理由', reasonHint: '选填，记入变更历史',
      states: { active: '有效', suspended: '已暂停', revoked: '已撤销', expired: '已过期' },
      actions: { suspend: '暂停', resume: '恢复', revoke: '撤销' },
      confirm: { suspend: '暂停后被授权单位的调用将被拒绝，直至恢复。', resume: '恢复后被授权单位可再次调用。', revoke: '撤销不可恢复，授权永久失效。' },
      done: { suspend: '授权已暂停', resume: '授权已恢复', revoke: '授权已撤销' },
      events: { created: '授权生成', suspended: '暂停', resumed: '恢复', revoked: '撤销' },
    },
  },
  en: {
    grant: {
      title: 'Grant', list: 'Grants', dataset: 'Dataset', datasetFilter: 'Dataset code', holder: 'Holder', scenario: 'Scenario',
      fields: 'Fields', districts: 'Districts', dailyQuota: 'Daily quota', validity: 'Validity', state: 'Status', updatedAt: 'Updated',
      application: 'Application', openApplication: 'Open the application', verifyFields: 'Verify-only fields', empty: 'No grants', search: 'Search',
      unlimited: 'Unlimited', allDistricts: 'As applied (own district or whole city)', history: 'History', reason: 'Reason', reasonHint: 'Optional, kept in the history',
      states: { active: 'Active', suspended: 'Suspended', revoked: 'Revoked', expired: 'Expired' },
      actions: { suspend: 'Suspend', resume: 'Resume', revoke: 'Revoke' },
      confirm: { suspend: "The holder's calls are refused until the grant is resumed.", resume: 'The holder may call again.', revoke: 'A revocation is final: the grant ends for good.' },
      done: { suspend: 'Grant suspended', resume: 'Grant resumed', revoke: 'Grant revoked' },
      events: { created: 'Granted', suspended: 'Suspended', resumed: 'Resumed', revoked: 'Revoked' },
    },
  },
}
