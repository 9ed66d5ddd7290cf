import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

const localServer = 'postgres://postgres@127.0.0.1:5432/postgres';
let created: { admin: string; name: string } | undefined;

const reachable = async (url: string): Promise<boolean> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

/**
 * Finds the PostgreSQL the server tests run on: TEST_DATABASE_URL (CI creates a fresh
 * database and passes it), else a fresh database on the local server if one answers.
 * Under CI a missing server fails the run; elsewhere the tests run on PGlite alone
 * and this says so.
 */
export const setup = async (project: TestProject) => {
  let url = process.env.TEST_DATABASE_URL ?? '';
  if (!url && (await reachable(localServer))) {
    const name = `customer_ledger_test_${process.pid}`;
    const admin = new pg.Client({ connectionString: localServer });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    created = { admin: localServer, name };
    url = localServer.replace(/\/postgres$/, `/${name}`);
  }
  if (url && !(await reachable(url))) {
    throw new Error(`TEST_DATABASE_URL ${url} does not answer`);
  }
  if (!url) {
    if (process.env.CI === 'true') throw new Error('CI=true but no PostgreSQL answers: set TEST_DATABASE_URL');
    console.warn('\n  PostgreSQL not reachable: the server tests were NOT run (PGlite only).\n');
  }
  project.provide('databaseUrl', url);
};

export const teardown = async () => {
  if (!created) return;
  const admin = new pg.Client({ connectionString: created.admin });
  await admin.connect();
  await admin.query(`drop database if exists ${created.name} with (force)`);
  await admin.end();
};
