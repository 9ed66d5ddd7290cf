import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { complaintStepNames } from '../../../src/domain/complaint/index.js';
import { storeCases } from '../../support/stores.js';
import { type CreditApp, openCreditApp } from './creditApp.js';

/** The credit-request and complaint routes in the generated OpenAPI document. */
describe('the OpenAPI document of the credit and complaint routes', () => {
  let c: CreditApp;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let doc: Record<string, any>;
  beforeAll(async () => {
    c = await openCreditApp(storeCases[0]!.open);
    doc = (await request(c.app).get('/openapi.json').expect(200)).body;
  });
  afterAll(() => c.close());

  test('is valid and has every route of API.md and the ones added here', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/complaints',
      '/complaints/{id}',
      '/complaints/{id}/steps',
      '/credit-requests',
      '/credit-requests/{id}',
      '/credit-requests/{id}/decisions',
      '/credit-requests/{id}/withdrawal',
      '/credit/routing-policy',
      '/health',
      '/ready',
      '/reports/complaints/monthly',
    ]);
    expect(doc.paths['/credit-requests/{id}/decisions'].post['x-roles']).toEqual(['salesAdminManager', 'salesVP', 'salesGM', 'groupGM']);
  });

  test('a step is one of the flow’s steps, each with only its own fields', () => {
    const schema = doc.paths['/complaints/{id}/steps'].post.requestBody.content['application/json'].schema;
    const options = (schema.oneOf ?? schema.anyOf) as { properties: Record<string, { const?: string; enum?: string[] }>; additionalProperties: boolean }[];
    expect(options.map((o) => o.properties.step!.const ?? o.properties.step!.enum?.[0])).toEqual(complaintStepNames);
    for (const option of options) expect(option.additionalProperties).toBe(false);
    const reopen = options.find((o) => (o.properties.step!.const ?? o.properties.step!.enum?.[0]) === 'reopen')!;
    expect(Object.keys(reopen.properties).sort()).toEqual(['reason', 'step']);
  });

  test('the monthly statistics answer JSON, CSV and XLSX', () => {
    const content = doc.paths['/reports/complaints/monthly'].get.responses['200'].content;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);
  });
});
