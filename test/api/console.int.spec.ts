import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../support/stores.js';
import { openTestApp, type TestApp } from './support/testApp.js';

const script = 'console.log("客户管理台");'.repeat(50);

/** A console as Vite builds it: index.html naming hashed files under assets/. */
const builtConsole = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><head><script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(join(dir, 'assets/index-Ab12Cd34.js'), script);
  // As scripts/buildConsole.mjs writes them: each asset beside itself, brotli and gzip.
  writeFileSync(join(dir, 'assets/index-Ab12Cd34.js.br'), brotliCompressSync(script));
  writeFileSync(join(dir, 'assets/index-Ab12Cd34.js.gz'), gzipSync(script));
  return dir;
};

describe.each(storeCases)('the console beside the API on $name', ({ open }) => {
  let built: TestApp;
  let missing: TestApp;
  const dir = builtConsole();
  beforeAll(async () => {
    built = await openTestApp(open, { consoleDir: dir });
    missing = await openTestApp(open, { consoleDir: join(dir, 'nowhere') });
  });
  afterAll(async () => {
    await built.close();
    await missing.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('GET / is the built index.html, revalidated on every load, under a CSP that runs only its own files', async () => {
    const res = await request(built.app).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('/assets/index-Ab12Cd34.js');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  test('hashed assets are cached for a year, immutable', async () => {
    const res = await request(built.app).get('/assets/index-Ab12Cd34.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  test('an asset goes as the build compressed it: brotli, else gzip, else as it is, the same script each way', async () => {
    const fetched = (acceptEncoding: string) =>
      request(built.app).get('/assets/index-Ab12Cd34.js').set('Accept-Encoding', acceptEncoding).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    for (const [accepts, encoding] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['identity', undefined]] as const) {
      const res = await fetched(accepts);
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.headers['vary']).toMatch(/Accept-Encoding/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      // supertest decodes gzip and brotli itself: every encoding gives back the script.
      expect(res.body).toBe(script);
    }
    expect(Number((await fetched('br')).headers['content-length'])).toBeLessThan(script.length / 5);
  });

  test('an asset that does not exist is a 404 problem, not the page', async () => {
    const res = await request(built.app).get('/assets/gone-00000000.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  test('the API keeps its paths: /openapi.json, /health and an authenticated route answer as before', async () => {
    expect((await request(built.app).get('/openapi.json')).body.openapi).toBe('3.1.0');
    expect((await request(built.app).get('/health')).status).toBe(200);
    expect((await request(built.app).get('/notes/8a0c4b52-6d6f-4c4e-9b1d-3f2a1e0d9c8b')).status).toBe(401);
  });

  test('without a build, / says in a small page how to build the console', async () => {
    const res = await request(missing.app).get('/');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('npm run build');
    expect(res.text).toContain('客户管理台尚未构建');
    expect(res.text).not.toContain('<script');
  });
});
