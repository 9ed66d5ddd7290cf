import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { removeTestDirs } from '../cli/support/dataDirs.js';
import { type OidcProvider, startOidcProvider } from '../support/oidcProvider.js';
import { buildConsole } from './support/build.js';
import { type ConsoleBrowser, expectAccessible, openBrowser } from './support/browser.js';
import { type ConsoleServer, consoleStores, freePort, startConsoleServer } from './support/server.js';

const timeout = 300_000;

/**
 * Production sign-in: the console runs the authorization code flow with PKCE in the
 * browser against a real OpenID provider (oidc-provider in-process, its own login and
 * consent pages), comes back to `/` and calls the API with the provider's access token.
 */
describe.each(consoleStores)('signing in through the OpenID provider, on a real server on %s', (store) => {
  let idp: OidcProvider;
  let server: ConsoleServer;
  let browser: ConsoleBrowser;
  let page: Page;
  beforeAll(async () => {
    buildConsole({ quiet: true });
    const port = await freePort();
    idp = await startOidcProvider({ redirectUris: [`http://127.0.0.1:${port}/`] });
    [server, browser] = await Promise.all([
      startConsoleServer(store, { port, env: { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.clientId, OIDC_AUDIENCE: idp.audience } }),
      openBrowser(),
    ]);
    page = await browser.context.newPage();
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await idp?.stop();
    removeTestDirs();
  });

  test('the archive clerk 张伟 signs in at the provider, comes back signed in, and reads the customers with its token', { timeout }, async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('button', { name: '前往登录' }).click();
    await page.waitForURL((url) => url.origin === new URL(idp.issuer).origin);
    await page.locator('input[name=login]').fill('zhangwei');
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    // The provider's consent page, then back to the console.
    await page.waitForURL((url) => url.origin === new URL(server.url).origin || url.pathname.includes('/interaction/'));
    if (new URL(page.url()).origin !== new URL(server.url).origin) await page.locator('button[type=submit]').click();
    await page.getByTestId('user-name').waitFor();
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('张伟');
    await page.getByText('销售内勤(客户管理)', { exact: true }).first().waitFor();
    expect(page.url()).not.toContain('code=');
    await page.getByRole('heading', { name: '客户档案' }).waitFor();
    await page.getByText('没有符合条件的客户').waitFor();
    await expectAccessible(page, 'the customer list after OIDC sign-in');
  });
});
