import { createI18n } from 'vue-i18n'
import { areas } from './areas'

// The shell's texts, Chinese first; each area brings its own (areas/*/messages.ts). The API's own messages come in
// the language asked for (Accept-Language), so only the console's labels live here.
const shell = {
  'zh-CN': {
    app: { title: '公共数据共享网关', console: '管理控制台', signOut: '退出', language: 'English' },
    kind: { admin: '大数据中心管理员', district: '区政府', operator: '持牌运营机构', department: '数据提供部门' },
    nav: { catalog: '数据目录', applications: '申请', grants: '授权', usage: '用量与账单', ledger: '调用日志', returns: '数据返还' },
    signIn: {
      title: '登录', token: '访问令牌', tokenHint: '粘贴本单位的访问令牌（JWT）', submit: '登录',
      invalid: '这不是可读的访问令牌：缺少 org 声明。',
    },
    common: { loading: '加载中…', requestId: '请求编号', error: '出错了', yes: '是', no: '否' },
  },
  en: {
    app: { title: 'Public Data Gateway', console: 'Console', signOut: 'Sign out', language: '中文' },
    kind: { admin: 'Data-center admin', district: 'District government', operator: 'Licensed operator', department: 'Data-owning department' },
    nav: { catalog: 'Catalog', applications: 'Applications', grants: 'Grants', usage: 'Usage and bills', ledger: 'Call log', returns: 'Returns' },
    signIn: {
      title: 'Sign in', token: 'Access token', tokenHint: "Paste your organization's access token (JWT)", submit: 'Sign in',
      invalid: 'Not a readable access token: it has no org claim.',
    },
    common: { loading: 'Loading…', requestId: 'Request id', error: 'Something went wrong', yes: 'Yes', no: 'No' },
  },
}

const messages = {
  'zh-CN': Object.assign({}, shell['zh-CN'], ...areas.map(a => a.messages['zh-CN'])),
  en: Object.assign({}, shell.en, ...areas.map(a => a.messages.en)),
}

export const i18n = createI18n({ legacy: false, locale: 'zh-CN', fallbackLocale: 'zh-CN', messages })
