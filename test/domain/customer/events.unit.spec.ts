import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import {
  ArchiveFieldsPatch,
  ContactFieldChange,
  FieldChange,
  RegisterCustomerInput,
  customerEventTypes,
} from '../../../src/domain/customer/index.js';

describe('a field change in an event', () => {
  test('holds values its field accepts, null meaning empty', () => {
    expect(FieldChange.safeParse({ field: 'website', from: null, to: 'https://huamei.example.cn' }).success).toBe(true);
    expect(FieldChange.safeParse({ field: 'sales', from: { annual: '1.00' }, to: null }).success).toBe(true);
  });

  test('cannot carry a value its field refuses', () => {
    const issue = FieldChange.safeParse({ field: 'website', from: null, to: 'ftp://huamei.example.cn' }).error?.issues[0];
    expect(issue?.path).toEqual(['to']);
    expect(issue?.message).toMatch(/http\(s\)/);
    expect(FieldChange.safeParse({ field: 'registeredCapital', from: 1.5, to: null }).success).toBe(false);
    expect(ContactFieldChange.safeParse({ field: 'mobile', from: null, to: '021-12345678' }).success).toBe(false);
  });

  test('never empties the name', () => expect(FieldChange.safeParse({ field: 'name', from: '华美', to: null }).success).toBe(false));

  test('names both the old and the new value', () =>
    expect(FieldChange.safeParse({ field: 'region', from: null }).error?.issues[0]?.path).toEqual(['to']));

  test('names a field of the archive', () => expect(FieldChange.safeParse({ field: 'colour', from: null, to: 'red' }).success).toBe(false));
});

describe('the schemas the API and the store derive from', () => {
  test('every one generates an OpenAPI schema', () => {
    const registry = new OpenAPIRegistry();
    const schemas: [string, z.ZodType][] = [
      ['RegisterCustomerInput', RegisterCustomerInput],
      ['ArchiveFieldsPatch', ArchiveFieldsPatch],
      ...customerEventTypes.map((t): [string, z.ZodType] => [t.type, t.data]),
    ];
    schemas.forEach(([name, schema], i) =>
      registry.registerPath({
        method: 'post',
        path: `/${name}/${i}`,
        request: { body: { content: { 'application/json': { schema: z.object({ value: schema }) } } } },
        responses: { 200: { description: name } },
      }),
    );
    const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({ openapi: '3.1.0', info: { title: 'customer', version: '1' } });
    expect(Object.keys(doc.paths ?? {})).toHaveLength(schemas.length);
  });
});
