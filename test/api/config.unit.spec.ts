import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('an empty environment', () => {
  test('gives the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      databaseUrl: undefined,
      dataDir: './data',
      jwtSecret: undefined,
      jwtMaxTtlSeconds: 24 * 3600,
      logLevel: 'info',
      bodyLimit: 256 * 1024,
      pgliteSync: true,
      runProjections: true,
      dbConnectTimeoutMs: 5000,
      dbStatementTimeoutMs: 30_000,
      production: false,
      readyMaxLag: { seconds: 5 },
      metricsPort: 9464,
      checkpointDir: undefined,
      checkpointKeyFile: undefined,
      checkpointEvery: undefined,
      piiMasterKey: { kind: 'development', path: resolve('./data/pii-master.key') },
    });
  });

  test('names PII_MASTER_KEY_FILE, which production requires', () => {
    expect(loadConfig({ PII_MASTER_KEY_FILE: '/etc/ledger/pii.key' }).piiMasterKey).toEqual({ kind: 'file', path: '/etc/ledger/pii.key' });
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toThrow(/PII_MASTER_KEY_FILE/);
  });

  test.each([
    ['1000', { events: 1000 }],
    ['1000 events', { events: 1000 }],
    ['15m', { minutes: 15 }],
  ])('CHECKPOINT_EVERY=%s is read as %o', (value, every) => {
    expect(loadConfig({ CHECKPOINT_EVERY: value }).checkpointEvery).toEqual(every);
  });

  test('CHECKPOINT_EVERY=0 is refused naming the variable', () => {
    expect(() => loadConfig({ CHECKPOINT_EVERY: '0' })).toThrow(/^CHECKPOINT_EVERY: /);
  });

  test.each([
    ['5s', { seconds: 5 }],
    ['500ms', { seconds: 0.5 }],
    ['2m', { seconds: 120 }],
    ['100', { events: 100 }],
    ['100 events', { events: 100 }],
  ])('READY_MAX_LAG=%s is read as %o', (value, lag) => {
    expect(loadConfig({ READY_MAX_LAG: value }).readyMaxLag).toEqual(lag);
  });

  test('METRICS_PORT=off turns the operations port off', () => {
    expect(loadConfig({ METRICS_PORT: 'off' }).metricsPort).toBeNull();
    expect(loadConfig({ METRICS_PORT: '0' }).metricsPort).toBe(0);
  });

  test('reads JWT_MAX_TTL as a duration between 1m and 30d', () => {
    expect(loadConfig({ JWT_MAX_TTL: '8h' }).jwtMaxTtlSeconds).toBe(8 * 3600);
    expect(loadConfig({ JWT_MAX_TTL: '3600' }).jwtMaxTtlSeconds).toBe(3600);
    expect(loadConfig({ JWT_MAX_TTL: '2d' }).jwtMaxTtlSeconds).toBe(2 * 86_400);
    expect(() => loadConfig({ JWT_MAX_TTL: 'forever' })).toThrow(/^JWT_MAX_TTL: a duration/);
    expect(() => loadConfig({ JWT_MAX_TTL: '90d' })).toThrow(/^JWT_MAX_TTL: at most 30d/);
  });

  test('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' }).port).toBe(3000);
  });
});

describe('a valid environment', () => {
  test('is read into the config', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/ledger',
      DATA_DIR: '/var/lib/ledger',
      JWT_SECRET: 's'.repeat(32),
      LOG_LEVEL: 'debug',
      BODY_LIMIT: '1mb',
      PGLITE_SYNC: 'false',
    });
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgres://u:p@db:5432/ledger', bodyLimit: 1024 * 1024, pgliteSync: false, logLevel: 'debug' });
  });

  test.each([
    ['2s', 2000],
    ['250ms', 250],
    ['1500', 1500],
    ['0', 0],
  ])('DB_CONNECT_TIMEOUT and DB_STATEMENT_TIMEOUT=%s read as %i ms', (value, ms) => {
    expect(loadConfig({ DB_CONNECT_TIMEOUT: value, DB_STATEMENT_TIMEOUT: value })).toMatchObject({ dbConnectTimeoutMs: ms, dbStatementTimeoutMs: ms });
  });
});

describe('a bad value', () => {
  const refused = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return e as ConfigError;
    }
    throw new Error('accepted');
  };

  test.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/x'],
    ['DATABASE_URL', 'not a url'],
    ['JWT_SECRET', 'short'],
    ['LOG_LEVEL', 'loud'],
    ['BODY_LIMIT', 'lots'],
    ['BODY_LIMIT', '10'],
    ['PGLITE_SYNC', 'maybe'],
    ['READY_MAX_LAG', 'soon'],
    ['READY_MAX_LAG', '5h'],
    ['METRICS_PORT', '99999'],
    ['DB_CONNECT_TIMEOUT', '5 minutes'],
    ['DB_CONNECT_TIMEOUT', '-1s'],
    ['DB_STATEMENT_TIMEOUT', '2h'],
    ['DB_STATEMENT_TIMEOUT', '7200s'],
  ])('%s=%s is refused naming the variable', (name, value) => {
    const e = refused({ [name]: value });
    expect(e.variable).toBe(name);
    expect(e.message.startsWith(`${name}: `)).toBe(true);
  });

  test('never echoes a secret', () => {
    const e = refused({ DATABASE_URL: 'mysql://admin:hunter2@db/x' });
    expect(e.message).not.toContain('hunter2');
  });

  test('production without JWT_SECRET is refused', () => {
    expect(refused({ NODE_ENV: 'production' }).variable).toBe('JWT_SECRET');
  });
});

describe('the OpenID provider (OIDC_*)', () => {
  const issuer = 'https://id.example.com/realms/ledger';

  test('is absent by default', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
  });

  test('takes the issuer and client; the audience defaults to the client, roles to `roles`, the name to `name`', () => {
    expect(loadConfig({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'console' }).oidc).toEqual({
      issuer,
      clientId: 'console',
      audience: 'console',
      rolesClaim: 'roles',
      nameClaim: 'name',
    });
    const all = loadConfig({ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'console', OIDC_AUDIENCE: 'ledger-api', OIDC_ROLES_CLAIM: 'realm_access.roles', OIDC_NAME_CLAIM: 'display_name' });
    expect(all.oidc).toMatchObject({ audience: 'ledger-api', rolesClaim: 'realm_access.roles', nameClaim: 'display_name' });
  });

  test.each([
    [{ OIDC_ISSUER: issuer }, 'OIDC_CLIENT_ID'],
    [{ OIDC_CLIENT_ID: 'console' }, 'OIDC_ISSUER'],
    [{ OIDC_AUDIENCE: 'api' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'ftp://id.example.com', OIDC_CLIENT_ID: 'c' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'https://id.example.com/?x=1', OIDC_CLIENT_ID: 'c' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: 'id.example.com', OIDC_CLIENT_ID: 'c' }, 'OIDC_ISSUER'],
    [{ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'c', OIDC_ROLES_CLAIM: 'realm_access..roles' }, 'OIDC_ROLES_CLAIM'],
    [{ OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'c', OIDC_NAME_CLAIM: 'a b' }, 'OIDC_NAME_CLAIM'],
  ])('%o is refused naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ variable }));
  });
});
