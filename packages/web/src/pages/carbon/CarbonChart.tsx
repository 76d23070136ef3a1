import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Stock } from './carbon-types.ts';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The stock (tCO₂e) of each next-level unit, largest first. */
export function CarbonChart({ stock, height = 300 }: { stock: Stock; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const units = [...stock.children].sort((a, b) => b.co2eT - a.co2eT).slice(0, 20);
    const chart = echarts.init(box.current);
    chart.setOption({
      animation: false,
      color: ['#1f6f3b'],
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toLocaleString('zh-CN', { maximumFractionDigits: 1 })} tCO₂e` : '—') },
      grid: { left: 72, right: 24, top: 32, bottom: units.length > 8 ? 72 : 32 },
      xAxis: { type: 'category', data: units.map((u) => u.unitName), axisLabel: { interval: 0, rotate: units.length > 8 ? 40 : 0 } },
      yAxis: { type: 'value', name: '碳储量 tCO₂e' },
      series: [{ type: 'bar', name: '碳储量', barMaxWidth: 32, data: units.map((u) => Math.round(u.co2eT * 10) / 10) }],
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => { window.removeEventListener('resize', resize); chart.dispose(); };
  }, [stock]);
  return <div ref={box} style={{ width: '100%', height }} data-testid="carbon-chart" />;
}
