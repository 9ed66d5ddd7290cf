import { jwtVerify } from 'jose';
import { describe, expect, test } from 'vitest';
import { authConfig, verifyToken } from '../../src/api/auth.js';
import { runCli } from './support/runCli.js';

const secret = 'a-development-secret-of-32-chars!!';

describe('token', () => {
  test('prints an HS256 JWT that the API accepts, with sub, name, roles and the expiry asked', async () => {
    const run = await runCli(['token', '--sub', 'u-1001', '--name', '王芳', '--role', 'archiveClerk', 'serviceClerk', '--expires', '2h'], { JWT_SECRET: secret });
    expect(run.code).toBe(0);
    const token = run.stdout.trim();
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secret));
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: 'u-1001', name: '王芳', roles: ['archiveClerk', 'serviceClerk'] });
    expect(payload.exp! - payload.iat!).toBe(2 * 3600);
    const actor = await verifyToken(authConfig(secret), token);
    expect(actor).toEqual({ _tag: 'Right', right: { id: 'u-1001', name: '王芳', roles: ['archiveClerk', 'serviceClerk'] } });
  });

  test('refuses a role the manual does not know, listing the roles', async () => {
    const run = await runCli(['token', '--sub', 'u-1', '--name', 'x', '--role', 'boss'], { JWT_SECRET: secret });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("argument 'boss' is invalid. roles are archiveClerk");
  });

  test('refuses to sign without JWT_SECRET, saying why', async () => {
    const run = await runCli(['token', '--sub', 'u-1', '--name', 'x', '--role', 'auditor']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('error: JWT_SECRET is not set: the server then makes a random secret per start, so set the same JWT_SECRET for both');
  });
});
