export const messages = {
  'zh-CN': {
    ledger: {
      requestId: '请求编号', caller: '调用方', dataset: '数据集', district: '区划', from: '起始时间', to: '截止时间',
      search: '查询', reset: '重置', exportCsv: '导出 CSV', empty: '没有符合条件的调用记录',
      time: '调用时间（北京时间）', decision: '决定', reason: '拒绝原因', rows: '返回行数', status: '状态码',
      allow: '允许', deny: '拒绝', previous: '上一页', next: '下一页', pageNumber: '第 {n} 页', perPage: '每页',
      requestIdHint: '如 3f2c…（UUID）', districtHint: '六位区划代码', timeHint: '北京时间',
    },
    verification: {
      title: '审计链校验', last: '最近一次校验', never: '尚未校验过', run: '立即校验', history: '校验记录',
      result: '结果', passed: '通过', failed: '未通过', at: '校验时间', by: '发起单位', duration: '耗时（毫秒）',
      chains: '校验链数', records: '校验记录数', broken: '断裂链数', firstBreak: '首个断点',
      breakText: '链 {chain} 第 {seq} 条：{problem}',
      problems: {
        record_altered: '记录内容被改动', record_missing: '记录缺失', link_broken: '链接断裂（记录被插入或移动）',
        checkpoint_mismatch: '与签名检查点不符', checkpoint_signature_invalid: '检查点签名无效', tail_truncated: '链尾被截断',
        archive_mismatch: '与归档不符', archive_malformed: '归档文件损坏', archive_not_continued: '归档未接续上月',
        amendment_unsigned: '更正记录未经网关签名', amendment_signature_invalid: '更正记录签名不可信',
        record_unlinked: '目录事件无链接', record_moved: '目录事件被移动', link_unsigned: '目录链接未签名',
      },
    },
  },
  en: {
    ledger: {
      requestId: 'Request id', caller: 'Caller', dataset: 'Dataset', district: 'District', from: 'From', to: 'To',
      search: 'Search', reset: 'Reset', exportCsv: 'Export CSV', empty: 'No call matches',
      time: 'Time (Shanghai)', decision: 'Decision', reason: 'Deny reason', rows: 'Rows', status: 'Status',
      allow: 'Allowed', deny: 'Denied', previous: 'Previous', next: 'Next', pageNumber: 'Page {n}', perPage: 'Per page',
      requestIdHint: 'e.g. 3f2c… (a UUID)', districtHint: 'Six-digit district code', timeHint: 'Shanghai time',
    },
    verification: {
      title: 'Audit chain verification', last: 'Last verification', never: 'Never verified yet', run: 'Verify now', history: 'Verification runs',
      result: 'Result', passed: 'Passed', failed: 'Failed', at: 'Verified at', by: 'Run by', duration: 'Duration (ms)',
      chains: 'Chains', records: 'Records', broken: 'Broken chains', firstBreak: 'First break',
      breakText: 'chain {chain}, seq {seq}: {problem}',
      problems: {
        record_altered: 'a record was altered', record_missing: 'a record is missing', link_broken: 'a broken link (a record inserted or moved)',
        checkpoint_mismatch: 'contradicts a signed checkpoint', checkpoint_signature_invalid: 'a checkpoint signature is invalid', tail_truncated: 'the chain was cut short',
        archive_mismatch: 'differs from its archive', archive_malformed: 'an archive file is malformed', archive_not_continued: 'an archive does not continue the previous month',
        amendment_unsigned: 'an amendment no gateway signed', amendment_signature_invalid: 'an amendment signed by an untrusted key',
        record_unlinked: 'a catalog event without a link', record_moved: 'a catalog event was moved', link_unsigned: 'a catalog link is unsigned',
      },
    },
  },
}
