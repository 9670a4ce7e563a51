// The API's times are instants; the city reads them in Shanghai (UTC+8, no summer time), wherever the browser is.
const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
})

/** An instant as Shanghai's wall clock, "2026-12-01 09:00:00"; "-" for none. */
export function shanghaiTime(instant: string | null | undefined): string {
  return instant ? shanghai.format(new Date(instant)).replace(/\//g, '-') : '-'
}

/** A wall-clock time the user picked ("2026-12-01T09:00:00") as the Shanghai instant the API takes. */
export function fromShanghai(wallClock: string): string | undefined {
  return wallClock ? `${wallClock}+08:00` : undefined
}
