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

  test('the edit form holds every section of the archive: a company type, its text, amounts in 元 (a malformed one refused before sending)', { timeout }, async () => {
    await signInAs(page, server.url, '销售内勤(客户管理)');
    await page.getByRole('searchbox', { name: '按客户名称搜索' }).fill(name);
    await page.getByRole('searchbox', { name: '按客户名称搜索' }).press('Enter');
    await page.getByRole('link', { name }).click();
    await page.getByRole('heading', { name: `客户档案表：${name}` }).waitFor();
    await page.getByRole('button', { name: '修改档案' }).click();
    const dialog = page.getByRole('dialog');
    for (const section of ['基本信息', '公司情况', '市场情况', '其他信息']) await dialog.getByRole('region', { name: section }).waitFor();
    await dialog.getByLabel('公司类型', { exact: true }).click();
    await pickOption(page, '其他');
    await dialog.getByLabel('公司类型（其他）').fill('连锁门店');
    await dialog.getByLabel('注册资本').fill('1,000,000');
    await dialog.getByLabel('销售额·全年').fill('8000000');
    await dialog.getByLabel('竞争情况·满意度').fill('对现有供应商一般');
    await dialog.getByLabel('修改原因').fill('年度走访补全档案');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.getByText('金额以元计，不加逗号，最多两位小数，如 125000.00').waitFor();
    await dialog.getByLabel('注册资本').fill('1000000');
    await dialog.getByText('金额以元计，不加逗号，最多两位小数，如 125000.00').waitFor({ state: 'detached' });
    await expectAccessible(page, 'the whole edit form');
    await shot('14-edit-every-field');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('¥1,000,000.00').waitFor();
    await page.getByText('全年：¥8,000,000.00').waitFor();
    await page.getByText('连锁门店').waitFor();
    await page.getByText('满意度：对现有供应商一般').waitFor();
    // One change, with its reason: what the audit trail keeps.
    const auditor = await apiAs(server.url, 'auditor');
    const { items } = await auditor<{ items: { id: string }[] }>('GET', `/customers?q=${encodeURIComponent(name)}`);
    const history = await auditor<{ items: { type: string; reason: string | null; data: Record<string, unknown> }[] }>('GET', `/customers/${items[0]?.id}/history`);
    const changes = history.items.filter((e) => e.reason === '年度走访补全档案');
    expect(changes).toHaveLength(1);
    // The event lists each field changed, from what to what.
    const changed = JSON.stringify(changes[0]?.data);
    expect(changed).toMatch(/"to":"1000000(\.00)?"/);
    expect(changed).toContain('"to":"连锁门店"');
    expect(changed).toMatch(/"to":\{"annual":"8000000(\.00)?"\}/);
  });
});
