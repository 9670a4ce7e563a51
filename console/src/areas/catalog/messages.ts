export const messages = {
  'zh-CN': {
    catalog: {
      search: '关键词', owner: '提供部门', domain: '领域', sharing: '共享属性', code: '编码', title: '名称',
      level: '最高级别', searchButton: '搜索', empty: '没有符合条件的数据集',
      sharingValues: { unconditional: '无条件共享', conditional: '有条件共享', not_shared: '不予共享' },
    },
    dataset: {
      description: '说明', openForOperation: '开放授权运营', fields: '字段', fieldName: '字段名', type: '类型',
      personalInformation: '个人信息', personal: '个人信息', mask: '脱敏规则', prices: '价格', effectiveFrom: '生效时间',
      queryPrice: '查询单价（元）', verifyPrice: '核验单价（元）', revenueShare: '分成比例', inEffect: '现行', history: '变更历史',
      level: '分级', standardLevel: '数据标准',
      standardLevels: { national: '国家标准', city: '市级标准', district: '区级标准' },
      actions: { created: '编目', updated: '修改', deleted: '删除', price_scheduled: '调整价格' },
    },
  },
  en: {
    catalog: {
      search: 'Keyword', owner: 'Owner', domain: 'Domain', sharing: 'Sharing', code: 'Code', title: 'Title',
      level: 'Highest level', searchButton: 'Search', empty: 'No dataset matches',
      sharingValues: { unconditional: 'Unconditional', conditional: 'Conditional', not_shared: 'Not shared' },
    },
    dataset: {
      description: 'Description', openForOperation: 'Open for licensed operation', fields: 'Fields', fieldName: 'Name', type: 'Type',
      personalInformation: 'Personal information', personal: 'Personal', mask: 'Mask', prices: 'Prices', effectiveFrom: 'Effective from',
      queryPrice: 'Query price (CNY)', verifyPrice: 'Verify price (CNY)', revenueShare: 'Revenue share', inEffect: 'In effect', history: 'History',
      level: 'Level', standardLevel: 'Standard',
      standardLevels: { national: 'National', city: 'City', district: 'District' },
      actions: { created: 'Catalogued', updated: 'Changed', deleted: 'Deleted', price_scheduled: 'Price scheduled' },
    },
  },
}
