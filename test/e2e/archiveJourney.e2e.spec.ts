import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeTestDirs } from '../cli/support/dataDirs.js';
import { apiAs } from './support/api.js';
import { buildConsole } from './support/build.js';
import { type ConsoleBrowser, expectAccessible, openBrowser, screenshot, signInAs } from './support/browser.js';
import { type ConsoleServer, consoleStores, startConsoleServer } from './support/server.js';

const timeout = 300_000;

/** A moment as the office's wall clock reads it (the pickers take Beijing time). */
const beijing = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/** A suggestion as the user clicks it (antd also keeps a hidden copy of the list for screen readers). */
const pickOption = (page: Page, label: string) => page.locator('.ant-select-item-option').filter({ hasText: label }).click();

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Journey (a) of issue 19: a clerk registers a customer and changes its region with a
 * reason; an auditor sees the change, its reason and the diff; the time machine shows
 * the old region.
 */
describe.each(consoleStores)('journey (a): an archive changed and audited, on a real server on %s', (store) => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  const name = `华东精密机械有限公司-${store}-${Date.now() % 100000}`;
  let beforeChange: Date;
  beforeAll(async () => {
    buildConsole({ quiet: true });
    [server, browser] = await Promise.all([startConsoleServer(store), openBrowser()]);
    page = await browser.context.newPage();
    // The directory the 业务员 field picks from (the sales admin manager keeps it).
    const manager = await apiAs(server.url, 'salesAdminManager');
    await manager('PUT', '/staff/sp-zhaomin', { name: '赵敏', department: '华东销售部', title: '业务员', reason: '新员工入职' });
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeTestDirs();
  });
  const shot = async (file: string) => {
    if (store === 'pglite') await screenshot(page, file);
  };

  test('the archive clerk registers the customer with a reason', { timeout }, async () => {
    await signInAs(page, server.url, '销售内勤(客户管理)');
    await page.getByRole('button', { name: '新建客户' }).click();
    await page.getByRole('heading', { name: '新建客户档案' }).waitFor();
    await page.getByLabel('客户名称').fill(name);
    // Picked by name from the staff directory; the field holds the id the API takes.
    const salesperson = page.getByRole('combobox', { name: '业务员' });
    await salesperson.fill('赵敏');
    await pickOption(page, '赵敏（sp-zhaomin · 业务员）');
    await expect(salesperson.inputValue()).resolves.toBe('sp-zhaomin');
    await page.getByLabel('区域').fill('华东');
    await page.getByLabel('主要联系人', { exact: true }).fill('李强');
    await page.getByLabel('主要联系人手机').fill('13812345678');
    await page.getByLabel('修改原因').fill('新客户建档');
    await expectAccessible(page, 'the register form');
    await shot('10-register');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByRole('heading', { name: `客户档案表：${name}` }).waitFor();
    await expect(page.getByRole('cell', { name: '李强' }).count()).resolves.toBe(1);
    await expectAccessible(page, 'the archive');
  });

  test('the list finds it by its 业务员, picked by name', { timeout }, async () => {
    await page.getByRole('menuitem', { name: '客户档案' }).click();
    const filter = page.getByRole('combobox', { name: '业务员（姓名或编号）' });
    await filter.fill('赵');
    await pickOption(page, '赵敏（sp-zhaomin · 业务员）');
    await page.getByRole('link', { name }).waitFor();
    await expect(page.getByRole('cell', { name: '赵敏', exact: true }).count()).resolves.toBe(1);
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name: `客户档案表：${name}` }).waitFor();
  });

  test('…and changes its region, giving the reason; a change without a reason is not sent', { timeout }, async () => {
    await pause(1500);
    beforeChange = new Date();
    await pause(1500);
    await page.getByRole('button', { name: '修改档案' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('区域').fill('华南');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.getByText('请填写修改原因').waitFor();
    await dialog.getByLabel('修改原因').fill('客户迁址至广州');
    // axe looks once the message has faded out (mid-fade its text is pale: a contrast finding of the animation, not the form).
    await dialog.getByText('请填写修改原因').waitFor({ state: 'detached' });
    await expectAccessible(page, 'the edit form');
    await shot('11-edit');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('华南', { exact: true }).first().waitFor();
    await shot('12-archive');
  });

  test('the auditor sees the change: who, when, the reason and the region from 华东 to 华南', { timeout }, async () => {
    await signInAs(page, server.url, '审计');
    await page.getByRole('menuitem', { name: '审计' }).click();
    await page.getByLabel('输入客户名称查找客户').fill(name);
    await page.getByLabel('输入客户名称查找客户').press('Enter');
    await page.getByRole('link', { name }).click();
    const entries = page.getByTestId('history-entry');
    await entries.first().waitFor();
    const change = entries.filter({ hasText: '修改档案' });
    await expect(change.count()).resolves.toBe(1);
    await expect(change.getByText('客户迁址至广州').count()).resolves.toBe(1);
    await expect(change.getByText('Dev 销售内勤(客户管理)（销售内勤(客户管理)）').count()).resolves.toBe(1);
    const row = change.getByRole('row', { name: /区域/ });
    await expect(row.textContent()).resolves.toMatch(/区域.*华东.*华南/);
    await expect(entries.filter({ hasText: '建档' }).getByText('新客户建档').count()).resolves.toBe(1);
    await expectAccessible(page, '审计');
    await shot('20-audit');
  });

  test('the time machine shows the old region before the change, marked as different from now', { timeout }, async () => {
    await page.getByRole('link', { name: '客户档案' }).last().click();
    await page.getByRole('heading', { name: `客户档案表：${name}` }).waitFor();
    const asOf = page.getByLabel('生效时间（asOf）');
    await asOf.click();
    await asOf.fill(beijing(beforeChange));
    await asOf.press('Enter');
    const marked = page.getByTestId('differs-region');
    await marked.waitFor();
    await expect(marked.textContent()).resolves.toContain('现在：华南');
    await expect(page.getByRole('cell').filter({ has: marked }).textContent()).resolves.toMatch(/^华东/);
    // The picker's calendar closed (its pop-up is antd's own widget, checked by them, not part of the page at rest).
    await page.getByRole('heading', { name: `客户档案表：${name}` }).click();
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
    await expectAccessible(page, 'the time machine');
    await shot('13-time-machine');
    // The printable 客户档案表 of the archive shown: the region before the change.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '打印客户档案表（Excel）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^customer-[0-9a-f-]{36}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const cells = book.worksheets.flatMap((s) => s.getSheetValues().flat().map((v) => (typeof v === 'string' ? v : '')));
    expect(cells).toContain(name);
    expect(cells).toContain('华东');
    expect(cells).not.toContain('华南');
  });
});
