import express, { type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build` puts the console (web/ built by Vite): dist/web beside the
 * compiled server (dist/api/../web), or, when the server runs from src/ under tsx,
 * the checkout's dist/web.
 */
export const defaultConsoleDir = (): string => {
  const here = fileURLToPath(new URL('.', import.meta.url));
  return join(here, here.replace(/\/$/, '').endsWith(join('dist', 'api')) ? '../web' : '../../dist/web');
};

const notBuilt = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>客户管理台未构建</title></head>
<body style="font-family: 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif; margin: 3em">
<h1>客户管理台尚未构建 · The console is not built</h1>
<p>运行 <code>npm run build</code>（或 <code>npm start</code>，它会先构建）后刷新本页。</p>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first), then reload this page.</p>
<p>API: <a href="/docs">/docs</a> · <a href="/openapi.json">/openapi.json</a></p>
</body></html>`;

/**
 * The console at `/` (its own routes are in the hash, `/#/customers/…`, so no API path
 * is ever claimed): index.html revalidated on every load, so a new build is picked up at
 * once; the hashed files under /assets/ cached for a year, immutable, and sent as the
 * build compressed them (brotli, else gzip, else as they are; scripts/buildConsole.mjs).
 * The directory is looked at per request: a build while the server runs is served without
 * a restart (its compressed copies are found at start, so until then it goes uncompressed).
 */
export const consoleRouter = (dir: string = defaultConsoleDir()): Router => {
  const router = express.Router();
  router.get('/', (_req, res) => {
    const index = join(dir, 'index.html');
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) return void res.status(200).type('html').send(notBuilt);
    res.sendFile(index);
  });
  router.use(
    '/assets',
    expressStaticGzip(join(dir, 'assets'), {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: { immutable: true, maxAge: '365d', index: false, redirect: false, fallthrough: true },
    }),
  );
  return router;
};
