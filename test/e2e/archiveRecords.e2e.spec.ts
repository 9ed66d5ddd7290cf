import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeTestDirs } from '../cli/support/dataDirs.js';
import { type ApiAs, apiAs, registerCustomers } from './support/api.js';
import { buildConsole } from './support/build.js';
import { type ConsoleBrowser, expectAccessible, openBrowser, screenshot, signInAs } from './support/browser.js';
import { type ConsoleServer, consoleStores, startConsoleServer } from './support/server.js';

const timeout = 300_000;

type HistoryEntry = { type: string; reason: string | null; actor: { id: string; roles: string[] }; data: Record<string, unknown> };

/** Yesterday in Beijing (the office's calendar), as the picker takes it. */
const yesterday = new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10);

/**
 * Issue 19: 违规记录 and 客户评价 are entered on the customer page. The service clerk
 * records a violation and an evaluation through the page's forms, each with its written
 * reason; both show on the archive and are stored with the reason; a form sent over a
 * version changed meanwhile is refused in Chinese, and the page reads the customer again.
 * The auditor, who changes nothing, is offered neither form.
 */
describe.each(consoleStores)('violations and evaluations entered on the customer page, on a real server on %s', (store) => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  let clerk: ApiAs;
  let customerId: string;
  const name = `苏州恒达贸易有限公司-${store}-${Date.now() % 100000}`;
  beforeAll(async () => {
    buildConsole({ quiet: true });
    [server, browser] = await Promise.all([startConsoleServer(store), openBrowser()]);
    page = await browser.context.newPage();
    clerk = await apiAs(server.url, 'archiveClerk');
    [customerId = ''] = await registerCustomers(clerk, [name]);
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeTestDirs();
  });
  const shot = async (file: string) => {
    if (store === 'pglite') await screenshot(page, file);
  };
  const openCustomer = async () => {
    await page.goto(`${server.url}/#/customers/${customerId}`);
    await page.getByRole('heading', { name: `客户档案表：${name}` }).waitFor();
  };

  test('the service clerk records a violation with its time, type, description and reason', { timeout }, async () => {
    await signInAs(page, server.url, '销售内勤(客户服务)');
    await openCustomer();
    await page.getByText('无违规记录').waitFor();
    await page.getByRole('button', { name: '登记违规' }).click();
    const dialog = page.getByRole('dialog', { name: '登记违规记录' });
    await dialog.waitFor();
    // Nothing is sent without the reason.
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.getByText('请填写修改原因').waitFor();
    const occurredAt = dialog.getByLabel('发生时间');
    await occurredAt.click();
    await occurredAt.fill(`${yesterday} 09:30`);
    await occurredAt.press('Enter');
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
    await dialog.getByLabel('违规类型').fill('窜货');
    await dialog.getByLabel('说明').fill('在华南区域低价销售，违反区域协议');
    await dialog.getByLabel('修改原因').fill('华南区业务员举报，已核实');
    // axe looks once the messages have faded out (mid-fade their text is pale: the animation's, not the form's).
    await dialog.getByText('请填写修改原因').waitFor({ state: 'detached' });
    await dialog.locator('.ant-form-item-explain-error').first().waitFor({ state: 'detached' });
    await expectAccessible(page, 'the violation form');
    await shot('40-record-violation');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('违规记录已登记').waitFor();
    const row = page.getByRole('row').filter({ hasText: '窜货' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toBe(`${yesterday} 09:30窜货在华南区域低价销售，违反区域协议`);
  });

  test('…and adds an evaluation with its reason; the evaluator is the clerk', { timeout }, async () => {
    await page.getByText('违规记录已登记').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '添加评价' }).click();
    const dialog = page.getByRole('dialog', { name: '添加客户评价' });
    await dialog.getByLabel('评价内容').fill('回款及时，沟通顺畅；窜货事件后已整改');
    await dialog.getByLabel('修改原因').fill('季度回访');
    await expectAccessible(page, 'the evaluation form');
    await shot('41-add-evaluation');
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('回款及时，沟通顺畅；窜货事件后已整改').waitFor();
    await expect(page.getByText(/^Dev 销售内勤\(客户服务\) · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).count()).resolves.toBe(1);
    await expectAccessible(page, 'the archive with its records');
    await shot('42-records');
  });

  test('a form sent over a version changed meanwhile is refused in Chinese; the page reads the customer again and the resend is kept', { timeout }, async () => {
    await page.getByRole('button', { name: '添加评价' }).click();
    const dialog = page.getByRole('dialog', { name: '添加客户评价' });
    await dialog.getByLabel('评价内容').fill('合作意愿强');
    await dialog.getByLabel('修改原因').fill('年度评审');
    // The archive clerk records another violation while the form is open: the page's version is stale.
    await clerk('POST', `/customers/${customerId}/violations`, { occurredAt: `${yesterday}T15:00:00+08:00`, type: '拖欠货款', description: '逾期 45 天', reason: '财务通知' });
    await dialog.getByRole('button', { name: '提交' }).click();
    // 412 (PreconditionFailed, or VersionConflict when the store finds it at the append), in Chinese.
    await dialog.getByRole('alert').filter({ hasText: /该记录[已刚]被他人修改，请刷新后重试/ }).waitFor();
    await shot('43-refused');
    await page.getByRole('row').filter({ hasText: '拖欠货款' }).waitFor();
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('合作意愿强').waitFor();
  });

  test('each is stored with its reason and its author (the audit trail)', { timeout }, async () => {
    const auditor = await apiAs(server.url, 'auditor');
    const { items } = await auditor<{ items: HistoryEntry[] }>('GET', `/customers/${customerId}/history`);
    const violations = items.filter((e) => e.type === 'ViolationRecorded');
    const evaluations = items.filter((e) => e.type === 'EvaluationAdded');
    expect(violations.map((e) => [e.reason, e.data.type, e.data.description])).toEqual([
      ['华南区业务员举报，已核实', '窜货', '在华南区域低价销售，违反区域协议'],
      ['财务通知', '拖欠货款', '逾期 45 天'],
    ]);
    expect(new Date(String(violations[0]?.data.occurredAt)).getTime()).toBe(new Date(`${yesterday}T09:30:00+08:00`).getTime());
    expect(violations[0]?.actor.roles).toEqual(['serviceClerk']);
    expect(evaluations.map((e) => [e.reason, e.data.text, e.actor.roles])).toEqual([
      ['季度回访', '回款及时，沟通顺畅；窜货事件后已整改', ['serviceClerk']],
      ['年度评审', '合作意愿强', ['serviceClerk']],
    ]);
  });

  test('the auditor sees both lists and is offered neither form', { timeout }, async () => {
    await signInAs(page, server.url, '审计');
    await openCustomer();
    await page.getByText('合作意愿强').waitFor();
    await expect(page.getByRole('row').filter({ hasText: '窜货' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: '登记违规' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: '添加评价' }).count()).resolves.toBe(0);
  });
});
