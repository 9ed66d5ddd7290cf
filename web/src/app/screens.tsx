import { AccountBookOutlined, AuditOutlined, BarChartOutlined, CustomerServiceOutlined, DashboardOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy, type ReactNode } from 'react';
import type { RouteKey } from '../api/routeRoles.js';
import type { Messages } from '../i18n/zh.js';

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
  paths: { path: string; element: ReactNode }[];
};

const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));

const CustomerList = named(() => import('../pages/archive/CustomerList.js'), 'CustomerList');
const CustomerPage = named(() => import('../pages/archive/CustomerPage.js'), 'CustomerPage');
const RegisterCustomer = named(() => import('../pages/archive/RegisterCustomer.js'), 'RegisterCustomer');
const AuditPage = named(() => import('../pages/audit/AuditPage.js'), 'AuditPage');
const GradingPage = named(() => import('../pages/grading/GradingPage.js'), 'GradingPage');
const CreditPage = named(() => import('../pages/credit/CreditPage.js'), 'CreditPage');
const CreditRequestPage = named(() => import('../pages/credit/CreditRequestPage.js'), 'CreditRequestPage');
const ComplaintsPage = named(() => import('../pages/complaints/ComplaintsPage.js'), 'ComplaintsPage');
const ComplaintPage = named(() => import('../pages/complaints/ComplaintPage.js'), 'ComplaintPage');
const SystemPage = named(() => import('../pages/system/SystemPage.js'), 'SystemPage');

export const screens: Screen[] = [
  {
    key: 'customers',
    menu: 'customers',
    icon: <TeamOutlined />,
    route: 'GET /customers',
    paths: [
      { path: 'customers', element: <CustomerList /> },
      { path: 'customers/new', element: <RegisterCustomer /> },
      { path: 'customers/:id', element: <CustomerPage /> },
    ],
  },
  {
    key: 'audit',
    menu: 'audit',
    icon: <AuditOutlined />,
    route: 'GET /customers/{id}/history',
    paths: [
      { path: 'audit', element: <AuditPage /> },
      { path: 'audit/:id', element: <AuditPage /> },
    ],
  },
  {
    key: 'grading',
    menu: 'grading',
    icon: <BarChartOutlined />,
    route: 'GET /reports/grade-summary',
    paths: [{ path: 'grading', element: <GradingPage /> }],
  },
  {
    key: 'credit',
    menu: 'credit',
    icon: <AccountBookOutlined />,
    route: 'GET /credit-requests',
    paths: [
      { path: 'credit', element: <CreditPage /> },
      { path: 'credit/:id', element: <CreditRequestPage /> },
    ],
  },
  {
    key: 'complaints',
    menu: 'complaints',
    icon: <CustomerServiceOutlined />,
    route: 'GET /complaints',
    paths: [
      { path: 'complaints', element: <ComplaintsPage /> },
      { path: 'complaints/:id', element: <ComplaintPage /> },
    ],
  },
  {
    key: 'system',
    menu: 'system',
    icon: <DashboardOutlined />,
    route: null,
    paths: [{ path: 'system', element: <SystemPage /> }],
  },
];
