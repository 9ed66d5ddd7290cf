import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeTestDirs } from '../cli/support/dataDirs.js';
import { apiAs, registerCustomers, switchUser } from './support/api.js';
import { buildConsole } from './support/build.js';
import { type ConsoleBrowser, expectAccessible, openBrowser, screenshot } from './support/browser.js';
import { type ConsoleServer, consoleStores, startConsoleServer } from './support/server.js';

const timeout = 300_000;

/** The person whose post takes the step opens the complaint, sees only that step offered, and takes it. */
const takeStep = async (page: Page, url: string, id: string, post: string, step: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) => {
  await switchUser(page, url, post);
  await page.goto(`${url}/#/complaints/${id}`);
  await page.getByTestId('complaint-status').waitFor();
  await page.getByRole('button', { name: step }).click();
  const dialog = page.getByRole('dialog');
  await fill(dialog);
  await dialog.getByLabel('修改原因').fill(`${step}（${post}）`);
  await dialog.locator('.ant-btn-primary').click();
  // Closed once the API accepted the step; open, it shows why (a refusal, a field the form wants).
  await dialog.waitFor({ state: 'hidden' }).catch(async (e: unknown) => {
    throw new Error(`the dialog of ${step} (${post}) stayed open: ${await dialog.innerText().catch(() => '(unreadable)')}`, { cause: e });
  });
};

describe.each(consoleStores)('journey (d), a complaint through litigation to closure, on a real server on %s', (store) => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  let id = '';
  const customer = '常州恒力纺织有限公司';
  beforeAll(async () => {
    buildConsole({ quiet: true });
    [server, browser] = await Promise.all([startConsoleServer(store), openBrowser()]);
    page = await browser.context.newPage();
    // Setup the console does not offer: the customer.
    await registerCustomers(await apiAs(server.url, 'archiveClerk'), [customer]);
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeTestDirs();
  });

  test('the service clerk records the complaint; the flow shows it waiting at ②', { timeout }, async () => {
    await switchUser(page, server.url, '销售内勤(客户服务)');
    await page.getByRole('menuitem', { name: '客诉' }).click();
    await page.getByRole('button', { name: '登记客诉' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('客户').first().fill('常州');
    await page.locator('.ant-select-item-option').getByText(customer, { exact: true }).click();
    await dialog.getByLabel(/客户提供的资料/).fill('质检报告 QC-2026-118\n现场照片 12 张');
    await dialog.getByLabel('投诉内容').fill('第 11 批次面料色差严重，客户要求退货并赔偿');
    await dialog.locator('.ant-btn-primary').click();
    await page.getByTestId('complaint-status').waitFor();
    id = new URL(page.url()).hash.replace('#/complaints/', '');
    await expect(page.getByTestId('complaint-status').textContent()).resolves.toBe('① 已接收');
    await expect(page.locator('[data-node="judge"]').getAttribute('data-state')).resolves.toBe('current');
    await expectAccessible(page, 'a received complaint');
    if (store === 'pglite') await screenshot(page, '50-complaint-received');
  });

  test('judged, assessed, planned, signed, approved, not satisfied, litigated and concluded: closed', { timeout }, async () => {
    await takeStep(page, server.url, id, '销售内勤(客户服务)', '② 判定问题性质', (d) => d.getByText('质量问题', { exact: true }).click());
    await takeStep(page, server.url, id, '销售内勤(客户服务)', '③ 初步判断', (d) => d.getByText('有问题', { exact: true }).click());
    await takeStep(page, server.url, id, '销售内勤(客户服务)', '④ 提出处理方案', async (d) => {
      await d.getByLabel('处理方案').fill('退换第 11 批次面料，承担运费');
      await d.getByLabel(/会商部门/).fill('质量部、生产部、物流部');
    });
    // The next step is the sales admin manager's: the service clerk is offered nothing.
    await expect(page.getByText('没有您可以办理的下一步').count()).resolves.toBe(1);
    await takeStep(page, server.url, id, '销售管理部经理', '⑤ 签署意见', (d) => d.getByLabel('意见').fill('已与客户初步沟通，同意方案'));
    await takeStep(page, server.url, id, '销售总经理', '⑤ 审批方案', async () => undefined);
    await takeStep(page, server.url, id, '销售内勤(客户服务)', '⑥ 记录协商结果', (d) => d.getByText('客户不满意', { exact: true }).click());
    await expect(page.getByTestId('complaint-status').textContent()).resolves.toBe('⑥ 协商中（客户不满意）');
    await takeStep(page, server.url, id, '销售总经理', '⑦ 转入诉讼程序', (d) => d.getByLabel('备注').fill('客户要求赔偿超出合同约定'));
    await expect(page.locator('[data-node="litigate"]').getAttribute('data-state')).resolves.toBe('current');
    if (store === 'pglite') await screenshot(page, '51-complaint-litigation');
    await takeStep(page, server.url, id, '销售总经理', '⑦ 诉讼结束', (d) => d.getByLabel('诉讼结果').fill('法院调解：按合同退换，不另赔偿'));

    await expect(page.getByTestId('complaint-status').textContent()).resolves.toBe('已结束');
    await expect(page.locator('[data-node="conclude"]').getAttribute('data-state')).resolves.toBe('current');
    await page.getByText('诉讼已结束').first().waitFor();
    await page.getByText('法院调解：按合同退换，不另赔偿').first().waitFor();
    // Closed: only the sales admin manager may reopen, and the sales GM is offered nothing.
    await expect(page.getByText('没有您可以办理的下一步').count()).resolves.toBe(1);
    await expectAccessible(page, 'a closed complaint');
    if (store === 'pglite') await screenshot(page, '52-complaint-closed');
  });

  test('the monthly statistics count it as litigation, with charts', { timeout }, async () => {
    await switchUser(page, server.url, '销售管理部经理');
    await page.goto(`${server.url}/#/complaints?tab=statistics`);
    await page.getByRole('img', { name: /处理结果/ }).waitFor();
    await expect(page.getByRole('button', { name: '重新打开' }).count()).resolves.toBe(0);
    await expectAccessible(page, '月度客诉统计');
    if (store === 'pglite') await screenshot(page, '53-complaint-statistics');
    await page.getByRole('tab', { name: '客诉列表' }).click();
    await page.getByText('第 11 批次面料色差严重').waitFor();
    await expectAccessible(page, 'the complaint list');
    if (store === 'pglite') await screenshot(page, '54-complaint-list');
  });
});
