import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../support/stores.js';
import { openTestApp, type TestApp } from './support/testApp.js';

describe('the OpenAPI document', () => {
  let t: TestApp;
  // The served JSON, walked freely by the assertions below.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let doc: Record<string, any>;
  beforeAll(async () => {
    t = await openTestApp(storeCases[0]!.open);
    doc = (await request(t.app).get('/openapi.json').expect(200)).body;
  });
  afterAll(() => t.close());

  test('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  test('documents every mounted route with its roles and security', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(['/health', '/notes', '/notes/{id}', '/notes/{id}/lines', '/ready']);
    expect(doc.paths['/notes'].post['x-roles']).toEqual(['archiveClerk']);
    expect(doc.paths['/notes'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/ready'].get.security).toEqual([]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  test('takes request schemas from the routes, strict', () => {
    const body = doc.paths['/notes'].post.requestBody.content['application/json'].schema;
    expect(body).toMatchObject({ type: 'object', required: ['text', 'reason'], additionalProperties: false });
    const params = doc.paths['/notes/{id}'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(params.sort()).toEqual(['path:id', 'query:asOf', 'query:knownAt']);
  });

  test('documents If-Match and Idempotency-Key where they apply', () => {
    const headers = doc.paths['/notes/{id}/lines'].post.parameters.filter((p: { in: string }) => p.in === 'header').map((p: { name: string }) => p.name);
    expect(headers.sort()).toEqual(['Idempotency-Key', 'If-Match']);
  });

  test('answers errors as problem details', () => {
    const responses = doc.paths['/notes/{id}/lines'].post.responses;
    for (const status of ['400', '401', '403', '404', '412', '413', '415', '422', 'default']) {
      expect(responses[status].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    }
  });
});

describe('/docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(storeCases[0]!.open);
  });
  afterAll(() => t.close());

  test('is a Swagger UI page whose assets all come from this server', async () => {
    const page = await request(t.app).get('/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(4);
    for (const ref of refs) {
      expect(ref.startsWith('/docs/')).toBe(true);
      const asset = await request(t.app).get(ref);
      expect(asset.status, ref).toBe(200);
    }
  });

  test('serves the Swagger UI bundle as JavaScript and the initialiser pointing at /openapi.json', async () => {
    const bundle = await request(t.app).get('/docs/assets/swagger-ui-bundle.js').expect(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    expect(Number(bundle.headers['content-length'])).toBeGreaterThan(100_000);
    const init = await request(t.app).get('/docs/init.js').expect(200);
    expect(init.text).toContain("url: '/openapi.json'");
  });

  test('serves nothing else of the package', async () => {
    await request(t.app).get('/docs/assets/package.json').expect(404);
    await request(t.app).get('/docs/assets/..%2Fpackage.json').expect(404);
  });
});
