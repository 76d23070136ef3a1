import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as Bars } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([Bars, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface BarSeries {
  name: string;
  values: number[];
  axis?: 0 | 1; // left (0) or right (1) value axis
}

/** A grouped bar chart (ECharts, canvas) of a few series over named categories, with an optional second axis. */
export function BarChart({ categories, series, axisNames, height = 280 }: { categories: string[]; series: BarSeries[]; axisNames: [string, string?]; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current);
    chart.setOption({
      animation: false,
      color: ['#1f6f3b', '#8fbc5a', '#d48806', '#597ef7'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: axisNames[1] ? 48 : 16, top: 36, bottom: categories.length > 8 ? 72 : 32 },
      xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 8 ? 40 : 0 } },
      yAxis: axisNames.filter(Boolean).map((name) => ({ type: 'value', name })),
      series: series.map((s) => ({ type: 'bar', name: s.name, data: s.values, yAxisIndex: s.axis ?? 0, barMaxWidth: 36 })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [categories, series, axisNames]);
  return <div ref={box} style={{ width: '100%', height }} data-testid="bar-chart" />;
}
