import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeTestDirs } from '../cli/support/dataDirs.js';
import { root } from '../cli/support/runCli.js';
import { buildConsole } from './support/build.js';
import { type ConsoleBrowser, expectAccessible, openBrowser, screenshot, screenshotDir, signInAs } from './support/browser.js';
import { type ConsoleServer, startConsoleServer } from './support/server.js';

const timeout = 600_000;

/**
 * The console's first screen (客户档案, the list) on the demo data set (`customer-ledger
 * demo`, 300 customers): from the address being opened to the first page of customers
 * drawn. Measured on PGlite (the store a developer runs locally); the figure is printed
 * and noted in README. Loaded the first time (nothing cached) and again (assets cached, immutable).
 */
describe('the first screen on the demo data', () => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  beforeAll(async () => {
    buildConsole({ quiet: true });
    [server, browser] = await Promise.all([startConsoleServer('pglite', { demo: true }), openBrowser()]);
    page = await browser.context.newPage();
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeTestDirs();
  });

  const firstScreen = async (): Promise<number> => {
    const started = Date.now();
    await page.goto(`${server.url}/#/customers`);
    await page.locator('tbody tr a').nth(19).waitFor();
    return Date.now() - started;
  };

  test('renders the first page of customers in about a second', { timeout }, async () => {
    await signInAs(page, server.url, '销售管理部经理');
    await page.goto('about:blank');
    await browser.context.clearCookies();
    const cold = await firstScreen();
    await page.goto('about:blank');
    const warm = await firstScreen();
    console.log(`first screen on the demo data: ${cold} ms on first load, ${warm} ms with the console cached`);
    await expectAccessible(page, 'the customer list on the demo data');
    await screenshot(page, '01-customers-demo');
    // The README's picture is this screen (docs/console.png); refreshed when KEEP_SCREENSHOT is set.
    if (process.env.KEEP_SCREENSHOT) {
      mkdirSync(join(root, 'docs'), { recursive: true });
      copyFileSync(join(screenshotDir, '01-customers-demo.png'), join(root, 'docs/console.png'));
    }
    // Measured 980 ms cached and 1272 ms on first load on a 2-core machine shared with other work
    // (README). The bounds are looser than the 1 s target so that a busy CI machine does not fail
    // the suite; the printed figures are what to compare.
    expect(warm).toBeLessThan(3000);
    expect(cold).toBeLessThan(5000);
  });
});
