import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the chart types the console draws: the rest of ECharts stays out of the bundle.
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, SVGRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/**
 * One ECharts chart; this module is loaded only when a chart is first shown (LazyChart),
 * so ECharts is never in the console's initial JavaScript. `label` names the chart for
 * screen readers (the figures it draws are in the tables and numbers beside it).
 */
export const EChart = ({ option, label, height = 320 }: { option: ChartOption; label: string; height?: number }) => {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg', locale: 'ZH' });
    // The page's CJK font stack (App.tsx), not ECharts' own sans-serif.
    chart.setOption({ textStyle: { fontFamily: getComputedStyle(element.current).fontFamily }, ...option });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  // ECharts writes its own attributes on the element it draws in: the name sits on a wrapper.
  return (
    <div role="img" aria-label={label}>
      <div ref={element} style={{ width: '100%', height }} />
    </div>
  );
};

