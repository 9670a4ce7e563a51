// Reason codes as the policy names them (policy/DataGateway.Policy/Decisions/ReasonCodes.cs); an unknown code shows as is.
const reasonsZh = {
  granted: '已授权', district_return: '属地返还', owner: '本部门数据', return_not_applicable: '不适用属地返还', dataset_unknown: '数据集不存在',
  dataset_not_shared: '不予共享', caller_unknown: '调用方未登记', quota_exceeded: '超出每日配额', grant_missing: '无授权',
  grant_expired: '授权已过期', grant_suspended: '授权已暂停', grant_revoked: '授权已撤销', field_not_granted: '字段未授权',
  filter_on_masked_field: '按脱敏字段筛选', verify_field_not_granted: '核验字段未授权', district_not_granted: '区划未授权',
  domain_not_licensed: '领域未获授权运营', external_policy_denied: '外部策略拒绝', external_policy_timeout: '外部策略超时',
  external_policy_unreachable: '外部策略不可达', external_policy_status: '外部策略异常', external_policy_malformed: '外部策略答复有误',
  external_policy_undefined: '外部策略未定义',
}
const reasonsEn = {
  granted: 'Granted', district_return: 'District return', owner: 'Own department', return_not_applicable: 'Return not applicable', dataset_unknown: 'Unknown dataset',
  dataset_not_shared: 'Not shared', caller_unknown: 'Unknown caller', quota_exceeded: 'Daily quota exceeded', grant_missing: 'No grant',
  grant_expired: 'Grant expired', grant_suspended: 'Grant suspended', grant_revoked: 'Grant revoked', field_not_granted: 'Field not granted',
  filter_on_masked_field: 'Filter on a masked field', verify_field_not_granted: 'Verify field not granted', district_not_granted: 'District not granted',
  domain_not_licensed: 'Domain not licensed', external_policy_denied: 'External policy denied', external_policy_timeout: 'External policy timed out',
  external_policy_unreachable: 'External policy unreachable', external_policy_status: 'External policy failed', external_policy_malformed: 'External policy answer malformed',
  external_policy_undefined: 'External policy undefined',
}

// The city's 16 districts by code (DESIGN.md: 310101 黄浦 … 310151 崇明), for labels; an unknown code shows as is.
const districtsZh = {
  310101: '黄浦区', 310104: '徐汇区', 310105: '长宁区', 310106: '静安区', 310107: '普陀区', 310109: '虹口区', 310110: '杨浦区', 310112: '闵行区',
  310113: '宝山区', 310114: '嘉定区', 310115: '浦东新区', 310116: '金山区', 310117: '松江区', 310118: '青浦区', 310120: '奉贤区', 310151: '崇明区',
}
const districtsEn = {
  310101: 'Huangpu', 310104: 'Xuhui', 310105: 'Changning', 310106: "Jing'an", 310107: 'Putuo', 310109: 'Hongkou', 310110: 'Yangpu', 310112: 'Minhang',
  310113: 'Baoshan', 310114: 'Jiading', 310115: 'Pudong', 310116: 'Jinshan', 310117: 'Songjiang', 310118: 'Qingpu', 310120: 'Fengxian', 310151: 'Chongming',
}

export const messages = {
  'zh-CN': {
    usage: {
      billsNav: '月度账单', from: '起始日期', to: '截止日期', caller: '调用方', dataset: '数据集', query: '查询', callerHint: '机构编号，留空为全部',
      datasetHint: '数据集编码，留空为全部', calls: '调用次数', rows: '返回行数', totalCalls: '调用总数', totalRows: '返回总行数',
      perDay: '每日调用量（按数据集）', perCaller: '各调用方调用量', topDatasets: '调用最多的数据集', decisions: '决定与拒绝原因',
      districts: '各区数据返还行数（拉取与推送）', showTable: '以表格查看', showChart: '以图表查看', noCalls: '该时段没有调用',
      day: '日期', others: '其他', total: '合计', name: '名称', kind: '类型', allowed: '允许', denied: '拒绝', decision: '决定', reason: '原因',
      district: '区划', pulled: '拉取（数据接口）', pushed: '推送（返还任务）', title: '名称',
      quotas: '今日配额', grant: '授权编号', dailyQuota: '每日配额', usedToday: '今日已用', left: '今日剩余', unlimited: '不限',
      state: '状态', states: { active: '有效', suspended: '已暂停' }, reasons: reasonsZh, districtNames: districtsZh,
    },
    bills: {
      month: '账单月份', query: '查询', operator: '运营机构', calls: '计费调用', total: '金额（元）', departmentPart: '部门分成（元）',
      platformPart: '平台留存（元）', open: '查看账单', download: '下载 CSV', downloadAll: '下载汇总 CSV', empty: '本月没有计费调用',
      statement: '月度账单', back: '返回汇总', lines: '账单明细', dataset: '数据集', title: '名称', owner: '提供部门', action: '操作',
      unitPrice: '单价（元）', amount: '金额（元）', actions: { query: '查询', verify: '核验' },
      archived: '该月份的调用台账已归档并从数据库中分离，不能在线出具账单；请以归档文件核对（datagateway-ledger verify --archive）。',
    },
  },
  en: {
    usage: {
      billsNav: 'Monthly bills', from: 'From', to: 'To', caller: 'Caller', dataset: 'Dataset', query: 'Query', callerHint: 'Organization id; empty for all',
      datasetHint: 'Dataset code; empty for all', calls: 'Calls', rows: 'Rows returned', totalCalls: 'Calls in total', totalRows: 'Rows in total',
      perDay: 'Calls per day (by dataset)', perCaller: 'Calls by caller', topDatasets: 'Top datasets', decisions: 'Decisions and deny reasons',
      districts: 'Rows per district (pulled and pushed)', showTable: 'Show as table', showChart: 'Show as chart', noCalls: 'No calls in this period',
      day: 'Day', others: 'Others', total: 'Total', name: 'Name', kind: 'Kind', allowed: 'Allowed', denied: 'Denied', decision: 'Decision', reason: 'Reason',
      district: 'District', pulled: 'Pulled (data API)', pushed: 'Pushed (returns)', title: 'Title',
      quotas: 'Quota today', grant: 'Grant', dailyQuota: 'Daily quota', usedToday: 'Used today', left: 'Left today', unlimited: 'Unlimited',
      state: 'State', states: { active: 'Active', suspended: 'Suspended' }, reasons: reasonsEn, districtNames: districtsEn,
    },
    bills: {
      month: 'Month', query: 'Query', operator: 'Operator', calls: 'Billed calls', total: 'Amount (CNY)', departmentPart: 'Departments (CNY)',
      platformPart: 'Platform (CNY)', open: 'Open', download: 'Download CSV', downloadAll: 'Download summary CSV', empty: 'No billed calls this month',
      statement: 'Monthly statement', back: 'Back to the summary', lines: 'Lines', dataset: 'Dataset', title: 'Title', owner: 'Owner', action: 'Action',
      unitPrice: 'Unit price (CNY)', amount: 'Amount (CNY)', actions: { query: 'Query', verify: 'Verify' },
      archived: "This month's call ledger is archived and detached from the database, so no statement can be made online; check it against the archive file (datagateway-ledger verify --archive).",
    },
  },
}
