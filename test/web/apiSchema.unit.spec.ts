import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { apiSchemaSource, routeRolesFile, routeRolesSource, schemaFile } from '../../scripts/apiSchema.js';

describe('the console client typed from the API', () => {
  test('web/src/api/schema.d.ts is the served OpenAPI document as types (else run npm run gen:api)', async () => {
    expect(readFileSync(schemaFile, 'utf8') === (await apiSchemaSource()), 'schema.d.ts is stale: run `npm run gen:api` and commit it').toBe(true);
  });

  test('web/src/api/routeRoles.ts names the roles each route takes (else run npm run gen:api)', () => {
    expect(readFileSync(routeRolesFile, 'utf8') === routeRolesSource(), 'routeRoles.ts is stale: run `npm run gen:api` and commit it').toBe(true);
  });
});
