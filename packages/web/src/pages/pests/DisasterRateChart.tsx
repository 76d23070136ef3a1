import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { RateYear } from './pest-types.ts';

echarts.use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

/**
 * 成灾率 (‰) of each town, one bar per year, with each year's target (rule kind pest_rules) as a dashed line.
 * Towns without any disaster in the years shown are left out (their bars would all be 0); `limit` keeps the worst.
 */
export function DisasterRateChart({ years, limit = 16, height = 320 }: { years: RateYear[]; limit?: number; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current || !years.length) return;
    const worst = new Map<string, { name: string; max: number }>();
    for (const y of years) for (const c of y.children) {
      if (c.ratePerMille === null || c.disasterAreaM2 <= 0) continue;
      const w = worst.get(c.unitCode) ?? { name: c.unitName, max: 0 };
      w.max = Math.max(w.max, c.ratePerMille);
      worst.set(c.unitCode, w);
    }
    const towns = [...worst.entries()].sort((a, b) => b[1].max - a[1].max).slice(0, limit);
    const targets = [...new Set(years.map((y) => y.targetPerMille))];
    const chart = echarts.init(box.current);
    chart.setOption({
      animation: false,
      color: ['#8fbc5a', '#1f6f3b', '#d48806', '#597ef7', '#13c2c2'],
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(2)}‰` : '—') },
      legend: { top: 0 },
      grid: { left: 48, right: 72, top: 36, bottom: towns.length > 8 ? 72 : 32 },
      xAxis: { type: 'category', data: towns.map(([, t]) => t.name), axisLabel: { interval: 0, rotate: towns.length > 8 ? 40 : 0 } },
      yAxis: { type: 'value', name: '成灾率 ‰' },
      series: years.map((y, i) => ({
        type: 'bar', name: `${y.year} 年`, barMaxWidth: 28,
        data: towns.map(([code]) => { const c = y.children.find((x) => x.unitCode === code); return c?.ratePerMille === null || c === undefined ? 0 : Math.round(c.ratePerMille * 100) / 100; }),
        // Each year's own target when they differ; one line when they are the same.
        ...((targets.length > 1 || i === years.length - 1) ? {
          markLine: {
            symbol: 'none', silent: true, lineStyle: { color: '#cf1322', type: 'dashed' },
            label: { formatter: `目标 ≤${y.targetPerMille}‰${targets.length > 1 ? `（${y.year}）` : ''}`, position: 'end' },
            data: [{ yAxis: y.targetPerMille }],
          },
        } : {}),
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [years, limit]);
  return <div ref={box} style={{ width: '100%', height }} data-testid="disaster-rate-chart" />;
}
