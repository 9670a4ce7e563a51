// The ledger's times are instants; the data center reads them in Shanghai, wherever the browser is.
const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
})

export function shanghaiTime(instant: string): string {
  return shanghai.format(new Date(instant)).replace(/\//g, '-')
}

/** A wall-clock time the user picked ("2026-12-01T09:00:00") as the Shanghai instant the API takes. */
export function fromShanghai(wallClock: string): string | undefined {
  return wallClock ? `${wallClock}+08:00` : undefined
}
