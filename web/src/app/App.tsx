import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import 'antd/dist/antd.css';
import 'dayjs/locale/zh-cn';
import { createHashRouter, RouterProvider } from 'react-router';
import { SignIn } from '../auth/SignIn.js';
import { LanguageProvider, useLanguage } from '../i18n/language.js';
import { dayjs } from '../shared/format.js';
import { queryClient } from './queryClient.js';
import { screens } from './screens.js';
import { Shell } from './Shell.js';

/** Chinese faces first, on every system an office has (macOS, Windows, Linux). */
export const fontFamily =
  '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif';

/** Who asked their system for less motion (prefers-reduced-motion, WCAG 2.3.3), read once at start. */
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * antd's tokens, darkened where its defaults fail WCAG AA contrast (4.5:1) on white:
 * the primary blue (#1677ff, 4.1:1) and its hover shade, secondary text and placeholders (25–45 % black).
 * Without motion where less was asked for: dialogs and menus appear without zooming and sliding.
 * No space is put between the two characters of a button (antd's default "审 计" reads
 * oddly, and is what a screen reader says).
 * zeroRuntime: antd's styles are the prebuilt antd/dist/antd.css (cached with the other
 * assets), not written into the page while React draws: the first screen draws ~0.1–0.2 s
 * sooner (README). The tokens above still apply, as the CSS variables antd sets at runtime.
 */
const theme = {
  zeroRuntime: true,
  token: {
    fontFamily,
    colorPrimary: '#0958d9',
    // The derived hover shade is lighter (white on it fails AA), and a clicked button stays hovered.
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    motion: !reducedMotion,
  },
};

/**
 * Hash routes (`/#/customers/…`): the console lives at `/` and never claims a path of
 * the API, whose routes do not move.
 */
const router = createHashRouter([
  { path: '/sign-in', element: <SignIn /> },
  { path: '/', element: <Shell />, children: screens.flatMap((s) => s.paths.map(({ path, element }) => ({ path, element }))) },
]);

const Localized = () => {
  const { language } = useLanguage();
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
};

export const App = () => (
  <QueryClientProvider client={queryClient}>
    <LanguageProvider>
      <Localized />
    </LanguageProvider>
  </QueryClientProvider>
);
