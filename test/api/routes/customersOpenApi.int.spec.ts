import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../../support/stores.js';
import { type CustomersApp, openCustomersApp } from './customersApp.js';

/** The customer routes in the generated OpenAPI document: every API.md route, valid, with its problems. */
describe('the customer routes in the OpenAPI document', () => {
  let c: CustomersApp;
  // The served JSON, walked freely by the assertions below.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let doc: Record<string, any>;
  beforeAll(async () => {
    c = await openCustomersApp(storeCases[0]!.open);
    doc = (await request(c.app).get('/openapi.json').expect(200)).body;
  });
  afterAll(() => c.close());

  test('validates as OpenAPI 3.1', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  test('holds every customer route of API.md with the roles it names', () => {
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    for (const route of [
      'POST /customers',
      'GET /customers',
      'GET /customers/{id}',
      'PATCH /customers/{id}',
      'POST /customers/{id}/change-requests',
      'POST /change-requests/{id}/decision',
      'POST /customers/{id}/violations',
      'POST /customers/{id}/evaluations',
      'GET /customers/{id}/history',
      'GET /reports/violations',
    ]) {
      expect(routes).toContain(route);
    }
    expect(doc.paths['/customers'].post['x-roles']).toEqual(['archiveClerk']);
    expect(doc.paths['/customers/{id}/history'].get['x-roles']).toEqual(['auditor', 'archiveClerk', 'salesAdminManager', 'groupGM']);
  });

  test('documents the strict request bodies, If-Match and the problems', () => {
    const body = doc.paths['/customers'].post.requestBody.content['application/json'].schema;
    expect(body).toMatchObject({ type: 'object', additionalProperties: false });
    expect(body.required).toEqual(expect.arrayContaining(['name', 'salespersonId', 'reason']));
    const patch = doc.paths['/customers/{id}'].patch;
    expect(patch.parameters.map((p: { name: string }) => p.name)).toContain('If-Match');
    for (const status of ['400', '401', '403', '404', '409', '412']) expect(patch.responses[status]).toBeDefined();
    const proposal = doc.paths['/customers/{id}/change-requests'].post.requestBody.content['application/json'].schema;
    const changes = proposal.properties?.changes ?? doc.components.schemas[proposal.$ref?.split('/').at(-1)]?.properties.changes;
    expect(Object.keys(changes.properties)).toEqual(expect.arrayContaining(['region', 'status', 'salespersonId', 'validUntil', 'contacts']));
    expect(Object.keys(changes.properties.contacts.properties).sort()).toEqual(['add', 'change', 'remove']);
    expect(Object.keys(doc.paths['/reports/violations'].get.responses['200'].content).sort()).toEqual([
      'application/json',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'text/csv',
    ]);
  });
});
