import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import type { ChartOption } from './EChart.js';

const EChart = lazy(async () => ({ default: (await import('./EChart.js')).EChart }));

/** A chart whose code (ECharts) loads when it is first drawn. */
export const LazyChart = (props: { option: ChartOption; label: string; height?: number }) => (
  <Suspense fallback={<Spin />}>
    <EChart {...props} />
  </Suspense>
);
