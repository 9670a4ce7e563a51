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
    catalogEdit: {
      create: '编目数据集', createTitle: '编目新数据集', editTitle: '修改数据集 {code}', edit: '修改', save: '保存', cancel: '取消',
      ownerHint: '选择或输入部门', service: '数据服务', path: '服务路径', recordPath: '记录路径', recordPathHint: '为空表示记录即根数组，例如 data.items',
      districtField: '区划字段', consentSubjectField: '授权主体字段', consentSubjectHint: '设置后，运营机构须持该主体的授权，且只得到该主体的记录',
      recordKeyField: '记录标识字段', recordKeyHint: '设置后，调用方可按此字段对记录提出异议', disputeAnswerDays: '异议答复时限（天）', addField: '添加字段', removeField: '删除', maskHint: 'none、keep:M:N、hash、redact、year',
      fixBelow: '请按下方各项旁的提示修改后再保存；未作任何更改。',
    },
    catalogImport: {
      open: '导入 CSV', export: '导出 CSV', exportHint: '导出整个目录（每个字段一行，表头为中文）',
      title: '批量导入目录', choose: '选择 CSV 文件', noFile: '尚未选择文件', upload: '导入',
      hint: '与导出相同的格式：每个字段一行，表头为中文；UTF-8 或 GB18030 编码。整份文件全部导入或全部不导入。',
      done: '导入完成', counts: '共 {datasets} 个数据集、{fields} 个字段：新增 {created} 个，更新 {updated} 个。', toCatalog: '返回目录',
      nothingImported: '共 {count} 处错误（列出 {shown} 处），未导入任何数据。请修改文件后重新导入。',
      line: '行号', column: '列', message: '问题', rowText: '该行内容',
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
    catalogEdit: {
      create: 'Catalog a dataset', createTitle: 'Catalog a new dataset', editTitle: 'Edit dataset {code}', edit: 'Edit', save: 'Save', cancel: 'Cancel',
      ownerHint: 'Pick or type a department', service: 'Data service', path: 'Service path', recordPath: 'Record path', recordPathHint: 'Empty: the records are the root array; e.g. data.items',
      districtField: 'District field', consentSubjectField: 'Consent subject field', consentSubjectHint: "Set, operators need the subject's consent and receive only that subject's records",
      recordKeyField: 'Record key field', recordKeyHint: 'Set, callers can dispute a record by this field', disputeAnswerDays: 'Days to answer a dispute', addField: 'Add a field', removeField: 'Remove', maskHint: 'none, keep:M:N, hash, redact, year',
      fixBelow: 'Correct what is marked below and save again; nothing was changed.',
    },
    catalogImport: {
      open: 'Import CSV', export: 'Export CSV', exportHint: 'The whole catalog, one row per field, Chinese headers',
      title: 'Import the catalog', choose: 'Choose a CSV file', noFile: 'No file chosen', upload: 'Import',
      hint: "The export's format: one row per field, Chinese headers; UTF-8 or GB18030. The whole file is imported, or nothing.",
      done: 'Imported', counts: '{datasets} datasets with {fields} fields: {created} new, {updated} updated.', toCatalog: 'Back to the catalog',
      nothingImported: '{count} errors ({shown} listed); nothing was imported. Correct the file and import it again.',
      line: 'Line', column: 'Column', message: 'Problem', rowText: 'The line',
    },
  },
}
