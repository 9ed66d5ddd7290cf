import { AccountBookOutlined, AuditOutlined, BarChartOutlined, CustomerServiceOutlined, DashboardOutlined, TeamOutlined } from '@ant-design/icons';
import type { QueryClient } from '@tanstack/react-query';
import { type ComponentType, lazy, type ReactNode, useState } from 'react';
import { matchPath } from 'react-router';
import type { RouteKey } from '../api/routeRoles.js';
import type { Messages } from '../i18n/zh.js';
import { customerListQuery } from '../pages/archive/customerListQuery.js';
import { mayCall } from './access.js';

/**
 * The console's screens, one entry per menu item: its paths under `/#/`, and the API
 * route that decides who sees it (a screen whose route would refuse the user's posts is
 * not in their menu). Each screen is its own chunk, loaded when first opened.
 * To add a screen: a folder under pages/, an entry here, its words in i18n/zh.ts and en.ts.
 */
export type Screen = {
  key: string;
  menu: keyof Messages['menu'];
  icon: ReactNode;
  /** The route whose roles decide who sees the screen; null: every signed-in user. */
  route: RouteKey | null;
  paths: ScreenPath[];
};

type ScreenPath = {
  path: string;
  element: ReactNode;
  /** Loads the page's chunk (what rendering `element` would load). */
  load: () => Promise<unknown>;
  /** Asks for the data the page shows first, under the keys the page will ask with. */
  prefetch?: (client: QueryClient) => Promise<void>;
};

/**
 * A page in its own chunk: the element that loads it when first drawn, and the loader to
 * start that sooner. Once loaded, the page is drawn as itself rather than through `lazy`,
 * which suspends on every first draw and makes React hold the page back behind its
 * fallback for a further ~300 ms (React 19 throttles a Suspense reveal).
 */
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): Pick<ScreenPath, 'element' | 'load'> => {
  let loaded: ComponentType | undefined;
  const loadPage = async () => (loaded = (await load())[name]);
  const Lazy = lazy(async (): Promise<{ default: ComponentType }> => ({ default: await loadPage() }));
  // Chosen once per mount: switching from Lazy to the loaded page would mount it again.
  const Page = () => {
    const [Drawn] = useState<ComponentType>(() => loaded ?? Lazy);
    return <Drawn />;
  };
  return { element: <Page />, load: loadPage };
};

const CustomerList = page(() => import('../pages/archive/CustomerList.js'), 'CustomerList');
const CustomerPage = page(() => import('../pages/archive/CustomerPage.js'), 'CustomerPage');
const RegisterCustomer = page(() => import('../pages/archive/RegisterCustomer.js'), 'RegisterCustomer');
const AuditPage = page(() => import('../pages/audit/AuditPage.js'), 'AuditPage');
const GradingPage = page(() => import('../pages/grading/GradingPage.js'), 'GradingPage');
const CreditPage = page(() => import('../pages/credit/CreditPage.js'), 'CreditPage');
const CreditRequestPage = page(() => import('../pages/credit/CreditRequestPage.js'), 'CreditRequestPage');
const ComplaintsPage = page(() => import('../pages/complaints/ComplaintsPage.js'), 'ComplaintsPage');
const ComplaintPage = page(() => import('../pages/complaints/ComplaintPage.js'), 'ComplaintPage');
const SystemPage = page(() => import('../pages/system/SystemPage.js'), 'SystemPage');

export const screens: Screen[] = [
  {
    key: 'customers',
    menu: 'customers',
    icon: <TeamOutlined />,
    route: 'GET /customers',
    paths: [
      { path: 'customers', ...CustomerList, prefetch: (client) => client.prefetchQuery(customerListQuery({}, undefined)) },
      { path: 'customers/new', ...RegisterCustomer },
      { path: 'customers/:id', ...CustomerPage },
    ],
  },
  {
    key: 'audit',
    menu: 'audit',
    icon: <AuditOutlined />,
    route: 'GET /customers/{id}/history',
    paths: [
      { path: 'audit', ...AuditPage },
      { path: 'audit/:id', ...AuditPage },
    ],
  },
  {
    key: 'grading',
    menu: 'grading',
    icon: <BarChartOutlined />,
    route: 'GET /reports/grade-summary',
    paths: [{ path: 'grading', ...GradingPage }],
  },
  {
    key: 'credit',
    menu: 'credit',
    icon: <AccountBookOutlined />,
    route: 'GET /credit-requests',
    paths: [
      { path: 'credit', ...CreditPage },
      { path: 'credit/:id', ...CreditRequestPage },
    ],
  },
  {
    key: 'complaints',
    menu: 'complaints',
    icon: <CustomerServiceOutlined />,
    route: 'GET /complaints',
    paths: [
      { path: 'complaints', ...ComplaintsPage },
      { path: 'complaints/:id', ...ComplaintPage },
    ],
  },
  {
    key: 'system',
    menu: 'system',
    icon: <DashboardOutlined />,
    route: null,
    paths: [{ path: 'system', ...SystemPage }],
  },
];

/** The screens the user's posts may use, in menu order. */
export const myScreens = (roles: readonly string[]) => screens.filter((s) => s.route === null || mayCall(roles, s.route));

/**
 * Starts what the screen at `pathname` needs (its chunk, its first data) while the
 * console itself is still starting, rather than one after the other once React draws
 * it: on the demo data the list's answer now arrives before its chunk has loaded,
 * ~350 ms sooner (README). `/` is the user's first screen, as the shell redirects it.
 * Settles when the screen's chunk has loaded (or failed to: the page's own loader then says so).
 */
export const preloadScreen = async (pathname: string, roles: readonly string[], client: QueryClient): Promise<void> => {
  const mine = myScreens(roles).flatMap((s) => s.paths);
  const target = pathname === '/' ? mine[0] : mine.find((p) => matchPath({ path: `/${p.path}`, end: true }, pathname) !== null);
  if (!target) return;
  void target.prefetch?.(client);
  await target.load().catch(() => undefined);
};
