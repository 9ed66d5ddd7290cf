import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeTestDirs } from '../cli/support/dataDirs.js';
import { runCli } from '../cli/support/runCli.js';
import { buildConsole, initialBudgetBytes } from './support/build.js';
import { type ConsoleBrowser, expectAccessible, openBrowser, screenshot, signInAs } from './support/browser.js';
import { type ConsoleServer, consoleStores, startConsoleServer } from './support/server.js';

const timeout = 300_000;

describe('the console as built', () => {
  test(`its initial JavaScript is at most ${initialBudgetBytes / 1000} kB gzipped`, { timeout }, () => {
    const { bytes, files } = buildConsole({ quiet: true });
    console.log(`console initial JavaScript: ${(bytes / 1000).toFixed(1)} kB gzipped in ${files.length} files`);
    expect(bytes).toBeLessThanOrEqual(initialBudgetBytes);
  });
});

describe.each(consoleStores)('signing in and the frame, on a real server on %s', (store) => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  beforeAll(async () => {
    buildConsole({ quiet: true });
    [server, browser] = await Promise.all([startConsoleServer(store), openBrowser()]);
    page = await browser.context.newPage();
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeTestDirs();
  });

  test('the sign-in page offers one button per development user, named by post in Chinese', { timeout }, async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: '审计', exact: true }).waitFor();
    for (const post of ['销售内勤(客户管理)', '业务员', '集团总经理', '审计']) await expect(page.getByRole('button', { name: post, exact: true }).count()).resolves.toBe(1);
    await expectAccessible(page, 'the sign-in page');
    if (store === 'pglite') await screenshot(page, '00-sign-in');
  });

  test('the archive clerk signs in and sees their name, post and only their screens; 退出 signs out', { timeout }, async () => {
    await signInAs(page, server.url, '销售内勤(客户管理)');
    expect(page.url()).toMatch(/#\/customers$/);
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('Dev 销售内勤(客户管理)');
    const menu = page.getByRole('navigation').getByRole('menuitem');
    await expect(menu.allTextContents()).resolves.toEqual(expect.arrayContaining(['客户档案', '系统']));
    await page.getByRole('heading', { name: '客户档案' }).waitFor();
    await expectAccessible(page, 'the customer list');
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('heading', { name: '登录客户管理台' }).waitFor();
    expect(page.url()).toMatch(/#\/sign-in$/);
  });

  test('系统 shows each view and its lag from /ready, and to the auditor the last verification and backup', { timeout }, async () => {
    // PostgreSQL lets the operator's command run beside the server (PGlite's directory is the server's alone).
    if (store === 'postgres') expect((await runCli(['verify'], server.env)).code).toBe(0);
    await signInAs(page, server.url, '审计');
    await page.getByRole('menuitem', { name: '系统' }).click();
    await page.getByText('就绪：报表为最新').waitFor();
    const verification = page.locator('.ant-card').filter({ hasText: '防篡改核查' });
    const backup = page.locator('.ant-card').filter({ hasText: '备份' }).filter({ hasNotText: '防篡改核查' });
    if (store === 'postgres') {
      await verification.getByText('通过', { exact: true }).waitFor();
      await expect(verification.getByText(/event log intact: \d+ events/).count()).resolves.toBe(1);
    } else {
      await verification.getByText(/^从未运行。运维人员在服务器上运行 customer-ledger verify/).waitFor();
    }
    await backup.getByText(/^从未运行。运维人员在服务器上运行 customer-ledger backup/).waitFor();
    await expectAccessible(page, '系统');
    await screenshot(page, store === 'pglite' ? '60-system' : '61-system-verified');
  });

  test('系统 shows a salesperson readiness only: the last verification and backup are not theirs to see', { timeout }, async () => {
    await signInAs(page, server.url, '业务员');
    await page.getByRole('menuitem', { name: '系统' }).click();
    await page.getByText('就绪：报表为最新').waitFor();
    await expect(page.getByText('防篡改核查').count()).resolves.toBe(0);
  });

  test('English is one click away, names the screens and posts in English, and stays after a reload; 中文 switches back', { timeout }, async () => {
    await signInAs(page, server.url, '审计');
    await page.getByRole('button', { name: 'English' }).click();
    const menu = page.getByRole('navigation').getByRole('menuitem');
    await expect(menu.allTextContents()).resolves.toEqual(expect.arrayContaining(['Customer archives', 'Audit', 'System']));
    await expect(page.getByText('Auditor', { exact: true }).count()).resolves.toBe(1);
    await page.reload();
    await page.getByRole('menuitem', { name: 'System' }).click();
    await page.getByText('Ready: reports are current').waitFor();
    await page.getByText('Tamper-evidence verification').waitFor();
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('en');
    await expectAccessible(page, 'System, in English');
    if (store === 'pglite') await screenshot(page, '62-system-english');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('就绪：报表为最新').waitFor();
    await expect(page.evaluate('document.documentElement.lang')).resolves.toBe('zh-CN');
  });
});
