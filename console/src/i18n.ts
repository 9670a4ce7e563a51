import { createI18n } from 'vue-i18n'

// Every text the console shows, Chinese first. The API's own messages come in the language asked for
// (Accept-Language), so only the console's labels live here.
const messages = {
  'zh-CN': {
    app: { title: '公共数据共享网关', console: '管理控制台', signOut: '退出', language: 'English' },
    kind: { admin: '大数据中心管理员', district: '区政府', operator: '持牌运营机构', department: '数据提供部门' },
    nav: { catalog: '数据目录', applications: '申请', grants: '授权', usage: '用量与账单', returns: '数据返还' },
    signIn: {
      title: '登录', token: '访问令牌', tokenHint: '粘贴本单位的访问令牌（JWT）', submit: '登录',
      invalid: '这不是可读的访问令牌：缺少 org 声明。',
    },
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
    common: { loading: '加载中…', requestId: '请求编号', error: '出错了', yes: '是', no: '否' },
  },
  en: {
    app: { title: 'Public Data Gateway', console: 'Console', signOut: 'Sign out', language: '中文' },
    kind: { admin: 'Data-center admin', district: 'District government', operator: 'Licensed operator', department: 'Data-owning department' },
    nav: { catalog: 'Catalog', applications: 'Applications', grants: 'Grants', usage: 'Usage and bills', returns: 'Returns' },
    signIn: {
      title: 'Sign in', token: 'Access token', tokenHint: "Paste your organization's access token (JWT)", submit: 'Sign in',
      invalid: 'Not a readable access token: it has no org claim.',
    },
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
    common: { loading: 'Loading…', requestId: 'Request id', error: 'Something went wrong', yes: 'Yes', no: 'No' },
  },
}

export const i18n = createI18n({ legacy: false, locale: 'zh-CN', fallbackLocale: 'zh-CN', messages })
