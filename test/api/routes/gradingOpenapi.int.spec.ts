import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeCases } from '../../support/stores.js';
import { type GradingApp, openGradingApp } from './gradingApp.js';

describe('the grading routes in the OpenAPI document', () => {
  let g: GradingApp;
  // The served JSON, walked freely by the assertions below.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  let doc: Record<string, any>;
  beforeAll(async () => {
    g = await openGradingApp(storeCases[0]!.open);
    doc = (await request(g.app).get('/openapi.json').expect(200)).body;
  });
  afterAll(() => g.close());

  test('is a valid OpenAPI 3.1 document', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  test('has every grading route of API.md, and the extras, with their roles', () => {
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops as object).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /customers/{id}/monthly-figures',
        'GET /grading/policy',
        'PUT /grading/policy',
        'POST /grading/periods/{period}/run',
        'POST /customers/{id}/score-overrides',
        'GET /reports/grade-summary',
        'POST /reports/grade-summary/{period}/sign-offs',
        'POST /grading/policy/simulations',
        'GET /reports/upgrade-plan',
        'GET /reports/vip',
        'GET /reports/grade-changes',
      ]),
    );
    expect(doc.paths['/reports/grade-changes'].get['x-roles']).toEqual(doc.paths['/reports/upgrade-plan'].get['x-roles'].filter((r: string) => r !== 'reviewBoard'));
    expect(doc.paths['/customers/{id}/score-overrides'].post['x-roles']).toEqual(['reviewBoard']);
    expect(doc.paths['/grading/periods/{period}/run'].post['x-roles']).toEqual(['archiveClerk', 'reviewBoard']);
  });

  test('documents the request fields API.md fixes, strict', () => {
    const body = (path: string, method = 'post') => doc.paths[path][method].requestBody.content['application/json'].schema;
    expect(body('/customers/{id}/monthly-figures')).toMatchObject({
      required: expect.arrayContaining(['period', 'sales', 'creditDue', 'creditPaidOnTime', 'reason']),
      additionalProperties: false,
    });
    expect(body('/customers/{id}/score-overrides')).toMatchObject({ required: expect.arrayContaining(['period', 'score', 'reason']) });
    expect(body('/reports/grade-summary/{period}/sign-offs').properties.step.enum).toEqual(['prepared', 'reviewed', 'audited', 'approved']);
    const query = doc.paths['/reports/grade-summary'].get.parameters.map((p: { name: string }) => p.name);
    expect(query.sort()).toEqual(['asOf', 'cursor', 'format', 'knownAt', 'limit', 'period']);
  });

  test('documents the grade summary as JSON, CSV and XLSX, and If-Match and Idempotency-Key on the commands', () => {
    const content = doc.paths['/reports/grade-summary'].get.responses['200'].content;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv']);
    const changes = doc.paths['/reports/grade-changes'].get.responses['200'].content;
    expect(Object.keys(changes).sort()).toEqual(Object.keys(content).sort());
    expect(changes['application/json'].schema).toEqual({ $ref: '#/components/schemas/GradeChanges' });
    const headers = doc.paths['/reports/grade-summary/{period}/sign-offs'].post.parameters.filter((p: { in: string }) => p.in === 'header');
    expect(headers.map((p: { name: string }) => p.name).sort()).toEqual(['Idempotency-Key', 'If-Match']);
  });
});
