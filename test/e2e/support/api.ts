import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { signInAs } from './browser.js';

/**
 * The API's own routes for the setup steps the console does not offer (registering the
 * customers a journey works on), called as the development user of a post would.
 */
export type ApiAs = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => Promise<T>;

export const apiAs = async (url: string, role: string): Promise<ApiAs> => {
  const signIn = await fetch(`${url}/auth/dev-sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }) });
  expect(signIn.status, `dev sign-in as ${role}`).toBe(200);
  const { token } = (await signIn.json()) as { token: string };
  return async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(method === 'GET' ? {} : { 'idempotency-key': randomUUID() }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    expect(response.ok, `${method} ${path} → ${response.status} ${text}`).toBe(true);
    return (text ? JSON.parse(text) : {}) as T;
  };
};

/** Active customers (only active ones are graded) of the development salesperson, registered by the archive clerk. */
export const registerCustomers = async (clerk: ApiAs, names: readonly string[], extra: Record<string, unknown> = {}): Promise<string[]> => {
  const ids: string[] = [];
  for (const name of names) {
    const { id } = await clerk<{ id: string }>('POST', '/customers', { name, salespersonId: 'dev-salesperson', status: 'active', region: '华东', reason: '新客户建档', ...extra });
    ids.push(id);
  }
  return ids;
};

/**
 * Another person at the same browser: the session ends and the page loads anew (as a
 * new tab would, nothing kept from the previous user), then the role picker signs in.
 */
export const switchUser = async (page: Page, url: string, post: string): Promise<void> => {
  await page.goto(`${url}/#/sign-in`);
  // Runs in the page (the browser's sessionStorage); the test's types are Node's.
  await page.evaluate('sessionStorage.clear()');
  await page.reload();
  await signInAs(page, url, post);
};
