export const messages = {
  'zh-CN': {
    oidc: {
      button: '使用统一身份认证登录', hint: '通过本市统一身份认证平台登录，无需手工粘贴令牌。', or: '或粘贴访问令牌',
      completing: '正在完成登录…', failed: '登录未完成', back: '返回登录页',
      noOrg: '身份认证平台签发的令牌缺少 org 声明，无法识别所属机构。', unavailable: '无法连接统一身份认证平台，请稍后再试或粘贴访问令牌。',
    },
  },
  en: {
    oidc: {
      button: 'Sign in with the city identity service', hint: "Sign in through the city's identity service; no token to paste.", or: 'Or paste an access token',
      completing: 'Completing sign-in…', failed: 'Sign-in did not complete', back: 'Back to sign-in',
      noOrg: "The identity service's token has no org claim: the organization is unknown.", unavailable: 'The identity service cannot be reached; try again later or paste a token.',
    },
  },
}
