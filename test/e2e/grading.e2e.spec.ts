import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeTestDirs } from '../cli/support/dataDirs.js';
import { apiAs, registerCustomers, switchUser } from './support/api.js';
import { buildConsole } from './support/build.js';
import { type ConsoleBrowser, expectAccessible, openBrowser, screenshot, signInAs } from './support/browser.js';
import { type ConsoleServer, consoleStores, startConsoleServer } from './support/server.js';

const timeout = 300_000;

/** The month in Beijing now (what the screen opens on) and the three before it (what grading reads). */
const periods = () => {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  const shift = (back: number) => {
    const d = new Date(Date.UTC(y, m - 1 - back, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  return { current: shift(0), before: [shift(3), shift(2), shift(1)] };
};

const customers = ['华东精密机械有限公司', '苏州宏达贸易有限公司', '杭州联合电子厂'];

/** 客户名称, 期间, 销售额, 应收信用, 按期回款: big and punctual, middling, small and late. */
const figuresCsv = (before: string[]) =>
  '\uFEFF客户名称,期间,销售额（元）,应收信用（元）,按期回款（元）\n' +
  before
    .flatMap((p) => [
      `${customers[0]},${p},"560,000.00",300000.00,300000.00`,
      `${customers[1]},${p},120000.00,100000.00,95000.00`,
      `${customers[2]},${p},8000.00,8000.00,2000.00`,
    ])
    .join('\n');

/** Fills the open dialog's written reason and presses its button. */
const submitDialog = async (page: Page, reason: string, button?: string) => {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('修改原因').fill(reason);
  await (button ? dialog.getByRole('button', { name: button }) : dialog.locator('.ant-btn-primary')).click();
  await dialog.waitFor({ state: 'hidden' });
};

describe.each(consoleStores)('journey (b), a month of grading, on a real server on %s', (store) => {
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  const { current, before } = periods();
  beforeAll(async () => {
    buildConsole({ quiet: true });
    [server, browser] = await Promise.all([startConsoleServer(store), openBrowser()]);
    page = await browser.context.newPage();
    // Setup the console does not offer: the customers (registered by the archive clerk through the API).
    await registerCustomers(await apiAs(server.url, 'archiveClerk'), customers);
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeTestDirs();
  });

  test('the archive clerk imports the figures from a CSV file, runs the grading and writes a 备注', { timeout }, async () => {
    await signInAs(page, server.url, '销售内勤(客户管理)');
    await page.getByRole('menuitem', { name: '等级评估' }).click();
    await page.getByRole('heading', { name: '客户等级管理汇总表' }).waitFor();
    await page.getByText('本期尚未评估').waitFor();

    await page.getByRole('button', { name: '导入月度数据' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: '月度数据.csv', mimeType: 'text/csv', buffer: Buffer.from(figuresCsv(before)) });
    await page.getByText('待导入 9 行').waitFor();
    await expectAccessible(page, 'the figures import');
    await page.getByRole('dialog').getByLabel('修改原因').fill('财务部提供的前三个月销售及回款数据');
    await page.getByRole('button', { name: '开始导入' }).click();
    await page.getByText('导入完成：成功 9 行，失败 0 行').waitFor();
    if (store === 'pglite') await screenshot(page, '30-grading-import');
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消|Close/ }).first().click();

    await page.getByRole('button', { name: '运行等级评估' }).click();
    await submitDialog(page, '月度等级评估');
    await page.getByText(/评估完成：评估 3 家/).waitFor();
    await page.getByText('共 3 家客户').waitFor();

    await page.getByRole('button', { name: `编辑备注：${customers[1]}` }).click();
    await page.getByRole('dialog').getByLabel('备注').fill('回款略有延迟，已与客户沟通');
    await submitDialog(page, '业务员反馈回款情况');
    await page.getByText('回款略有延迟，已与客户沟通').waitFor();
    await expectAccessible(page, '等级评估 with the summary');
    if (store === 'pglite') await screenshot(page, '31-grading-summary');
  });

  test('the four sign-offs are given by four people, each seeing the button only on their turn', { timeout }, async () => {
    const signers: [string, string][] = [
      ['销售内勤(客户管理)', '编制'],
      ['销售管理部经理', '复核'],
      ['销售副总', '审核'],
      ['集团总经理', '审批'],
    ];
    for (const [post, step] of signers) {
      await switchUser(page, server.url, post);
      await page.goto(`${server.url}/#/grading?period=${current}`);
      await page.getByText('共 3 家客户').waitFor();
      // Only this step's button, and only for this post.
      await expect(page.getByRole('button', { name: /签署“/ }).allTextContents()).resolves.toEqual([`签署“${step}”`]);
      await page.getByRole('button', { name: `签署“${step}”` }).click();
      await page.getByRole('dialog').getByText('签署后按顺序交下一岗位').waitFor();
      await submitDialog(page, `${step}：已核对汇总表`);
      await page.getByTestId(`signed-${{ 编制: 'prepared', 复核: 'reviewed', 审核: 'audited', 审批: 'approved' }[step]}`).waitFor();
      await expect(page.getByRole('button', { name: /签署“/ }).count()).resolves.toBe(0);
    }
    await page.getByText('四级签署已完成，本期已冻结').waitFor();
    // The 备注 is no longer editable once prepared.
    await expect(page.getByRole('button', { name: /编辑备注/ }).count()).resolves.toBe(0);
    await expectAccessible(page, '等级评估 signed off');
    if (store === 'pglite') await screenshot(page, '32-grading-signed');

    // Someone whose post signs nothing sees the signatures and no button.
    await switchUser(page, server.url, '审计');
    await page.goto(`${server.url}/#/grading?period=${current}`);
    await page.getByText('四级签署已完成，本期已冻结').waitFor();
    await expect(page.getByRole('button', { name: /签署“|运行等级评估|导入月度数据/ }).count()).resolves.toBe(0);
  });

  test('the signed workbook downloads as a valid xlsx with the 备注 and the four signers', { timeout }, async () => {
    await page.getByRole('button', { name: '下载' }).hover();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('Excel 表格（.xlsx）').click()]);
    expect(download.suggestedFilename()).toBe(`客户等级管理汇总表-${current}.xlsx`);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const text = book.worksheets.flatMap((s) => s.getSheetValues().flat().map((v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)))).join('\n');
    for (const expected of [...customers, '回款略有延迟，已与客户沟通', 'Dev 销售内勤(客户管理)', 'Dev 销售管理部经理', 'Dev 销售副总', 'Dev 集团总经理']) expect(text).toContain(expected);
  });

  test('the grade distribution chart and the policy with a simulated draft', { timeout }, async () => {
    await switchUser(page, server.url, '销售管理部经理');
    await page.goto(`${server.url}/#/grading?period=${current}`);
    await page.getByRole('tab', { name: '等级分布' }).click();
    await page.getByRole('img', { name: `等级分布 ${current}` }).waitFor();
    await expectAccessible(page, 'the grade distribution');
    if (store === 'pglite') await screenshot(page, '33-grading-chart');

    await page.getByRole('tab', { name: '评估政策' }).click();
    await page.getByText('现行政策：第 1 版').waitFor();
    // A draft where B starts at 85: the customer scoring 80 would be a C.
    await page.getByLabel('B 下限（含）').fill('85');
    await page.getByRole('button', { name: /模拟草案/ }).click();
    await page.getByTestId('simulation').waitFor();
    await page.getByText('等级变化的客户：1 家').waitFor();
    await expectAccessible(page, 'the policy simulation');
    if (store === 'pglite') await screenshot(page, '34-grading-simulation');
  });
});
