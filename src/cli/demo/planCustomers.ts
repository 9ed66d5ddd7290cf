import { creditCodeCheckCharacter, type CustomerStatus } from '../../domain/customer/index.js';
import { type Actor, addPeriods, type Instant, type Period } from '../../domain/shared/index.js';
import { address, cities, type City, companyName, industries, landline, mobile, personName, titles } from './names.js';
import { salespeople } from './people.js';
import type { Random } from './random.js';
import { inPeriod, periodRange } from './timeline.js';

export type PlannedFigures = { period: Period; sales: string; creditDue: string; creditPaidOnTime: string; recordedAt: Instant };

export type PlannedCustomer = {
  id: string;
  name: string;
  salesperson: Actor;
  city: City;
  industry: string;
  registeredAt: Instant;
  status: Extract<CustomerStatus, 'prospect' | 'active'>;
  /** The archive fields it is registered with (RegisterCustomerInput without name, salesperson and status). */
  archive: Record<string, unknown>;
  figures: PlannedFigures[];
  /** A customer that stopped buying: its status changes, its figures stop before. */
  leaves?: { to: 'inactive' | 'lost'; at: Instant; reason: string };
  /** Mean monthly sales in yuan: the scale of its credit requests. */
  scale: number;
};

const yuan = (n: number): string => (Math.round(n * 100) / 100).toFixed(2);

/** 统一社会信用代码 with a valid check character. */
const creditCode = (rng: Random): string => {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const first17 = `91${String(rng.int(110000, 659999))}${Array.from({ length: 9 }, () => rng.pick([...alphabet])).join('')}`;
  return first17 + creditCodeCheckCharacter(first17);
};

const archiveOf = (rng: Random, city: City, industry: string, scale: number, registeredAt: Instant): Record<string, unknown> => ({
  region: city.region,
  address: address(rng, city),
  companyType: rng.pick(['agent', 'factory', 'tradingCompany', 'tradingCompany', 'factory']),
  companyNature: rng.pick(['民营企业', '有限责任公司', '股份有限公司', '外资企业']),
  legalRepresentative: personName(rng),
  industry,
  bankCreditRating: rng.pick(['AAA', 'AA', 'AA', 'A']),
  products: `${industry}产品`,
  registeredCapital: `${rng.pick([50, 100, 200, 500, 1000, 3000])}0000.00`,
  profile: `${city.city}地区${industry}行业客户，主营${industry}产品的批发与零售。`,
  validUntil: new Date(Date.parse(registeredAt) + rng.int(300, 1100) * 86_400_000).toISOString().slice(0, 10),
  sales: { annual: yuan(scale * 12), offSeason: yuan(scale * 0.75), peakSeason: yuan(scale * 1.25) },
  invoicing: { bank: `中国工商银行${city.city}分行`, accountNumber: `6222 ${rng.int(1000, 9999)} ${rng.int(1000, 9999)} ${rng.int(1000, 9999)}`, taxRegistrationNumber: creditCode(rng) },
  contacts: [
    { id: rng.uuid(), category: 'primary', name: personName(rng), departmentAndTitle: rng.pick(titles), mobile: mobile(rng), phone: landline(rng, city), email: `buyer${rng.int(100, 999)}@example.cn` },
    ...(rng.chance(0.5) ? [{ id: rng.uuid(), category: 'secondary', name: personName(rng), departmentAndTitle: rng.pick(titles), mobile: mobile(rng) }] : []),
  ],
});

/** 淡季/旺季: the year's slow months and its busy ones. */
const season = (period: Period): number => {
  const month = Number(period.slice(5));
  return month <= 2 ? 0.75 : month >= 9 ? 1.25 : 1;
};

/** Figures of month M are entered on the 5th of M+1, when the ERP has closed the month. */
const figuresOf = (rng: Random, periods: readonly Period[], scale: number): PlannedFigures[] => {
  const growth = rng.around(0.005, 0.02);
  const reliability = rng.pick([0.97, 0.97, 0.95, 0.95, 0.93, 0.9, 0.85, 0.75, 0.6]);
  return periods.map((period, i) => {
    const sales = scale * season(period) * (1 + growth) ** i * rng.around(1, 0.3, 0.5);
    const due = sales * rng.around(0.5, 0.3, 0.2);
    const paid = Math.min(due, due * Math.min(1, rng.around(reliability, 0.15, 0.2)));
    return { period, sales: yuan(sales), creditDue: yuan(due), creditPaidOnTime: yuan(paid), recordedAt: inPeriod(addPeriods(period, 1), 4.4) };
  });
};

/** The customers: most active from before the first month of figures, some leaving, some prospects. */
export const planCustomers = (rng: Random, count: number, first: Period, months: number): PlannedCustomer[] => {
  const periods = periodRange(first, months);
  const taken = new Set<string>();
  return Array.from({ length: count }, (): PlannedCustomer => {
    const city = rng.pick(cities);
    const industry = rng.pick(industries);
    const scale = Math.exp(Math.log(30_000) + rng.next() * Math.log(50));
    const prospect = rng.chance(0.06);
    const registeredAt = prospect ? inPeriod(rng.pick(periods), rng.int(0, 27) + 0.4) : inPeriod(first, -rng.int(20, 400) + 0.4);
    const leavesAfter = !prospect && months >= 8 && rng.chance(0.1) ? rng.int(6, months - 2) : null;
    const active = periods.slice(0, leavesAfter ?? months);
    const customer: PlannedCustomer = {
      id: rng.uuid(),
      name: companyName(rng, city, industry, taken),
      salesperson: rng.pick(salespeople),
      city,
      industry,
      registeredAt,
      status: prospect ? 'prospect' : 'active',
      archive: archiveOf(rng, city, industry, scale, registeredAt),
      figures: prospect ? [] : figuresOf(rng, active, scale),
      scale,
    };
    if (leavesAfter !== null) {
      const to = rng.pick(['inactive', 'lost'] as const);
      customer.leaves = { to, at: inPeriod(periods[leavesAfter]!, 9.4), reason: to === 'lost' ? '客户已转向竞争对手采购，确认流失' : '客户连续两月无采购，转为非活跃' };
    }
    return customer;
  });
};
