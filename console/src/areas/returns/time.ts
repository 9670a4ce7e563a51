// Times in Shanghai, wherever the browser is. (The ledger area has the same; an area stays removable on its own.)
const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
})

export function shanghaiTime(instant: string | null): string {
  return instant ? shanghai.format(new Date(instant)).replace(/\//g, '-') : '-'
}
