import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Router } from 'express';

/**
 * `/docs`: Swagger UI on the generated document. Its assets come from the installed
 * `swagger-ui-dist` package, served by this server: the page works offline, with no
 * CDN. The page has no inline script (its initialiser is a file), so it also runs
 * under a strict Content-Security-Policy.
 */
const distDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const assets = ['swagger-ui.css', 'index.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js', 'favicon-32x32.png', 'favicon-16x16.png'];

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>customer-ledger API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
  <link rel="stylesheet" href="/docs/assets/index.css">
  <link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

const init = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});
`;

/** Mounted at `/docs`: other requests pass it by one prefix check, not a test of each asset's path. */
export const docsRouter = (): Router => {
  const router = express.Router({ strict: true });
  router.get('/', (_req, res) => void res.type('html').send(page));
  router.get('/init.js', (_req, res) => void res.type('js').send(init));
  for (const name of assets) {
    router.get(`/assets/${name}`, (_req, res, next) => {
      res.sendFile(name, { root: distDir, maxAge: '1d' }, (err) => err && next(err));
    });
  }
  return router;
};
