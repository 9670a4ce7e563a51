import { use, type ComposeOption } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts'
import {
  GridComponent, LegendComponent, TooltipComponent,
  type GridComponentOption, type LegendComponentOption, type TooltipComponentOption,
} from 'echarts/components'
import type { UsageReport } from './api'

// Only the chart types and components these pages draw, so the charts chunk stays small (not `import 'echarts'`).
use([CanvasRenderer, BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent])

export type ChartOption = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>

// Tooltips as rich text on the canvas, not HTML: the names in them (datasets, callers) are data, and no HTML is built from data.
// No animation: figures are read, not watched; a chart drawn at once also respects reduced-motion users and is what a
// screenshot or a test sees.
const still = { animation: false } as const

const tooltip = (trigger: 'axis' | 'item'): TooltipComponentOption => ({ trigger, renderMode: 'richText' })

/** Every day of the period, so a day without calls is a gap in the chart and a row of zeros in the table. */
export function periodDays(from: string, to: string): string[] {
  const days: string[] = []
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86400_000) {
    days.push(new Date(at).toISOString().slice(0, 10))
  }

  return days
}

/** Calls per day, one row per day and one column per stacked dataset (null: the others). */
export function dayTable(report: UsageReport): { datasets: (string | null)[]; rows: { day: string; calls: Record<string, number>; total: number }[] } {
  const datasets = [...new Set(report.days.map(d => d.dataset))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
  const rows = periodDays(report.from, report.to).map(day => ({ day, calls: {} as Record<string, number>, total: 0 }))
  const byDay = new Map(rows.map(r => [r.day, r]))
  for (const d of report.days) {
    const row = byDay.get(d.day)
    if (row) {
      row.calls[d.dataset ?? ''] = d.calls
      row.total += d.calls
    }
  }

  return { datasets, rows }
}

export function daysChart(report: UsageReport, others: string): ChartOption {
  const table = dayTable(report)
  return {
    ...still,
    tooltip: tooltip('axis'),
    legend: { type: 'scroll', top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: table.rows.map(r => r.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: table.datasets.map(d => ({
      type: 'bar', stack: 'calls', name: d ?? others, data: table.rows.map(r => r.calls[d ?? ''] ?? 0),
    })),
  }
}

/** Horizontal bars, largest on top, for a ranking (callers, datasets). */
export function rankingChart(labels: string[], series: { name: string; values: number[] }[]): ChartOption {
  return {
    ...still,
    tooltip: tooltip('axis'),
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: [...labels].reverse(), axisLabel: { width: 140, overflow: 'truncate' } },
    series: series.map(s => ({ type: 'bar', name: s.name, data: [...s.values].reverse() })),
  }
}

export function pieChart(slices: { name: string; value: number }[]): ChartOption {
  return {
    ...still,
    tooltip: tooltip('item'),
    legend: { type: 'scroll', orient: 'vertical', left: 0, top: 'middle' },
    series: [{ type: 'pie', radius: ['35%', '65%'], center: ['65%', '50%'], data: slices, label: { show: false } }],
  }
}

/** Grouped bars per district: pulled beside pushed. */
export function districtsChart(report: UsageReport, name: (code: string) => string, pulled: string, pushed: string): ChartOption {
  return {
    ...still,
    tooltip: tooltip('axis'),
    legend: { top: 0 },
    grid: { left: 56, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: report.districts.map(d => name(d.district)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: pulled, data: report.districts.map(d => d.pulled) },
      { type: 'bar', name: pushed, data: report.districts.map(d => d.pushed) },
    ],
  }
}
