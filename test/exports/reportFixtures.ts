import type { GradeSummaryReport, ViolationReport } from '../../src/exports/index.js';

export const gradeSummary: GradeSummaryReport = {
  period: '2026-10',
  asOf: '2026-11-01T00:00:00+08:00',
  rows: [
    {
      no: 1,
      customerId: '7f0c1d7e-8c47-4a53-9a43-7a0b9e1c0001',
      customerName: '浙江华东纺织有限公司',
      salespersonId: 'u-li',
      salespersonName: '李明',
      score: 92.5,
      coefficient: '1.5',
      monthlyAverageSales: '125000.00',
      fulfilmentRate: 0.9523,
      grade: 'A',
      creditLimit: '178556.00',
      remarks: ['VIP', '升级计划'],
    },
    {
      no: 2,
      customerId: '7f0c1d7e-8c47-4a53-9a43-7a0b9e1c0002',
      customerName: 'Acme "East", Ltd.\nBranch',
      salespersonId: 'u-wang',
      salespersonName: null,
      score: 61,
      coefficient: '0.8',
      monthlyAverageSales: '1234567.89',
      fulfilmentRate: 1,
      grade: 'D',
      creditLimit: '987654.00',
      remarks: '',
    },
  ],
  signOffs: [
    { step: 'prepared', signerName: '王芳', at: '2026-11-02T02:00:00Z' },
    { step: 'reviewed', signerName: '赵强', at: '2026-11-03T03:30:00Z' },
  ],
};

export const violations: ViolationReport = {
  from: '2026-10-01T00:00:00+08:00',
  items: [
    { customerId: 'c1', customerName: '宁波海曙贸易公司', occurredAt: '2026-10-05T06:30:00Z', type: '逾期付款', description: '货款逾期 45 天' },
    { customerId: 'c2', customerName: '=HYPERLINK("x")', occurredAt: '2026-10-07T01:00:00Z', type: '窜货', description: '跨区域销售, 已警告' },
  ],
};
