import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeTestDirs } from '../cli/support/dataDirs.js';
import { type ApiAs, apiAs, registerCustomers, switchUser } from './support/api.js';
import { buildConsole } from './support/build.js';
import { type ConsoleBrowser, expectAccessible, openBrowser, screenshot } from './support/browser.js';
import { type ConsoleServer, consoleStores, startConsoleServer } from './support/server.js';

const timeout = 300_000;
const approvers = ['销售管理部经理', '销售副总', '销售总经理', '集团总经理'];

/** The salesperson asks for a new limit through the form; the page of the new request opens. */
const request = async (page: Page, url: string, customer: string, limit: string, reason: string): Promise<string> => {
  await switchUser(page, url, '业务员');
  await page.getByRole('menuitem', { name: '信用额度' }).click();
  await page.getByRole('button', { name: '新建变更申请' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('客户名称').fill(customer.slice(0, 4));
  // antd's visible option (its role="option" twin is an invisible list for screen readers).
  await page.locator('.ant-select-item-option').getByText(customer, { exact: true }).click();
  await dialog.getByText('原信用额度：').waitFor();
  await dialog.getByLabel('拟变更信用额度（元）').fill(limit);
  await dialog.getByLabel('申请原因').fill(reason);
  await dialog.getByRole('button', { name: '提交' }).click();
  await page.getByTestId('credit-status').waitFor();
  return new URL(page.url()).hash.replace('#/credit/', '');
};

/** An approver finds the request in 待我审批, opens it and decides with an opinion. */
const decide = async (page: Page, url: string, post: string, customer: string, decision: '同意' | '驳回', opinion: string) => {
  await switchUser(page, url, post);
  await page.getByRole('menuitem', { name: '信用额度' }).click();
  await page.getByRole('tab', { name: '待我审批' }).click();
  await page.getByTestId('credit-queue').getByRole('link', { name: customer }).click();
  await page.getByTestId('credit-status').waitFor();
  // Only this approver's two buttons: nothing to withdraw, the decision is theirs.
  await expect(page.getByRole('button', { name: /同意|驳回|撤回申请/ }).allTextContents()).resolves.toEqual(['同意', '驳回']);
  await page.getByRole('button', { name: decision }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('审核意见').fill(opinion);
  await dialog.getByRole('button', { name: decision }).click();
  await dialog.waitFor({ state: 'hidden' });
};

describe.each(consoleStores)('journey (c), credit-limit changes, on a real server on %s', (store) => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  let clerk: ApiAs;
  const customers = ['宁波海天塑机有限公司', '温州正泰五金商行'];
  let ids: string[] = [];
  beforeAll(async () => {
    buildConsole({ quiet: true });
    [server, browser] = await Promise.all([startConsoleServer(store), openBrowser()]);
    page = await browser.context.newPage();
    // Setup the console does not offer: the customers, with an address and a contact for the form.
    clerk = await apiAs(server.url, 'archiveClerk');
    ids = await registerCustomers(clerk, customers, { address: '浙江省宁波市北仑区大港路 8 号' });
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeTestDirs();
  });

  test('an increase goes through the four approvers in order and the new limit takes effect', { timeout }, async () => {
    await request(page, server.url, customers[0]!, '150000.00', '客户扩大采购，月均订单增长');
    await page.getByText('等待销售管理部经理审核').waitFor();
    await page.getByText('¥150,000.00').waitFor();
    // The requester decides nothing: they may only withdraw.
    await expect(page.getByRole('button', { name: /同意|驳回/ }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: '撤回申请' }).waitFor();
    await expectAccessible(page, 'the credit request as its requester sees it');
    if (store === 'pglite') await screenshot(page, '40-credit-requested');

    for (const [i, post] of approvers.entries()) {
      await decide(page, server.url, post, customers[0]!, '同意', `同意调整（${post}）`);
      if (i < approvers.length - 1) await page.getByText(`等待${approvers[i + 1]}审核`).waitFor();
      if (i === 1 && store === 'pglite') {
        await expectAccessible(page, 'the credit request half way');
        await screenshot(page, '41-credit-halfway');
      }
    }
    // The page reads the request again after the dialog closes.
    await page.getByTestId('credit-status').getByText('已批准', { exact: true }).waitFor();
    await page.getByText('新额度生效时间').waitFor();
    await expectAccessible(page, 'the approved request');
    if (store === 'pglite') await screenshot(page, '42-credit-approved');
    const customer = await clerk<{ creditLimit: string }>('GET', `/customers/${ids[0]}`);
    expect(customer.creditLimit).toBe('150000.00');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '打印申请表（Excel）' }).click()]);
    const bytes = readFileSync((await download.path())!);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const text = book.worksheets.flatMap((s) => s.getSheetValues().flat().map(String)).join('\n');
    for (const expected of [customers[0]!, '同意调整（集团总经理）']) expect(text).toContain(expected);
  });

  test('a rejection by the second approver ends the request', { timeout }, async () => {
    await request(page, server.url, customers[1]!, '80000.00', '客户要求提高赊销额度');
    await decide(page, server.url, '销售管理部经理', customers[1]!, '同意', '可以考虑');
    await decide(page, server.url, '销售副总', customers[1]!, '驳回', '回款记录不足半年，暂不调整');
    // The page reads the request again after the dialog closes.
    await page.getByTestId('credit-status').getByText('已驳回', { exact: true }).waitFor();
    await page.getByText('回款记录不足半年，暂不调整').waitFor();
    await expect(page.getByRole('button', { name: /同意|驳回|撤回申请/ }).count()).resolves.toBe(0);
    await expectAccessible(page, 'the rejected request');
    if (store === 'pglite') await screenshot(page, '43-credit-rejected');

    // The next approver's queue no longer holds it.
    await switchUser(page, server.url, '销售总经理');
    await page.getByRole('menuitem', { name: '信用额度' }).click();
    await page.getByRole('tab', { name: '待我审批' }).click();
    await page.getByText('没有待您审批的申请').waitFor();
    await expectAccessible(page, '待我审批, empty');
  });
});
