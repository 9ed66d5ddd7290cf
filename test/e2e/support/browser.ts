import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (.ci/run installs it); playwright-core downloads no browser of its own. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const screenshotDir = fileURLToPath(new URL('../screenshots', import.meta.url));

export type ConsoleBrowser = { context: BrowserContext; close(): Promise<void> };

/** A fresh profile each time (`--user-data-dir` in a temporary directory), in Beijing time, Chinese first. */
export const openBrowser = async (): Promise<ConsoleBrowser> => {
  const profile = mkdtempSync(join(tmpdir(), 'cl-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** Signs in through the sign-in page's development role picker, as a person would. */
export const signInAs = async (page: Page, url: string, roleLabel: string): Promise<void> => {
  await page.goto(`${url}/#/sign-in`);
  // Whoever was signed in in this tab is signed out first (the sign-in page sends a signed-in user on).
  await page.evaluate('sessionStorage.clear()');
  await page.reload();
  await page.getByRole('button', { name: roleLabel, exact: true }).click();
  await page.getByTestId('user-name').waitFor();
};

/**
 * Every finite animation and transition finished (a spinner's endless one does not count).
 * A dialog checked while it still fades in has half-transparent colours, and axe then
 * measures a contrast nobody sees once it has opened.
 */
const animationsSettled = (page: Page) =>
  // A function, not a string: the console's CSP refuses eval. Typed here, as this file has no DOM types.
  page.waitForFunction(() => {
    type Running = { playState: string; effect: { getComputedTiming(): { iterations?: number } } | null };
    const { document } = globalThis as unknown as { document: { getAnimations(): Running[] } };
    return document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity);
  });

/** No serious or critical accessibility violation on the page once its animations have settled (axe-core). */
export const expectAccessible = async (page: Page, what: string): Promise<void> => {
  await animationsSettled(page);
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`),
    `accessibility of ${what}`,
  ).toEqual([]);
};

/** Saved for a person to look at (test/e2e/screenshots/, not committed). */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
};
