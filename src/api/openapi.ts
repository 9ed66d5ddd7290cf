import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { roleLabels } from '../domain/shared/index.js';
import { Problem } from './problem.js';
import type { Route, RouteSpec } from './route.js';
import type { RequestSchemas } from './validate.js';

/**
 * The OpenAPI 3.1 document, generated from the routes' own declarations (route.ts):
 * the schemas that validate requests are the schemas documented.
 */
type Spec = RouteSpec<RequestSchemas, Route['spec']['roles']>;

const problem = (description: string): ResponseConfig => ({
  description,
  content: { 'application/problem+json': { schema: Problem } },
});

const IfMatch = z.object({
  'If-Match': z
    .string()
    .optional()
    .meta({ description: 'the ETag you read, e.g. "7": the change applies only to that version (else 412)' }),
});
const IdempotencyKey = z.object({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(255)
    .optional()
    .meta({ description: 'retrying with the same key returns the first answer and changes nothing' }),
});

const problemsOf = (spec: Spec): Record<string, ResponseConfig> => {
  const guarded = spec.roles !== 'public';
  const hasBody = spec.request?.body !== undefined;
  const refusals = new Set(spec.problems ?? []);
  if (spec.method === 'post') refusals.add(422);
  if (spec.ifMatch) refusals.add(412);
  const out: Record<string, ResponseConfig> = {
    400: problem('invalid input: `errors` names each failing path'),
    ...(guarded ? { 401: problem('no valid bearer token') } : {}),
    ...(guarded ? { 403: problem('none of your roles may do this') } : {}),
    ...(hasBody ? { 413: problem('the body is too large'), 415: problem('the body is not application/json') } : {}),
    default: problem('any other error, e.g. 503 when the store is unavailable'),
  };
  for (const status of refusals) {
    out[status] ??= problem(
      { 403: 'refused for who you are', 404: 'not found (or not in your scope)', 409: 'a rule of the domain refused it (`type` names the rule)', 412: 'If-Match is stale: read it again', 422: 'the domain finds the input invalid, or an Idempotency-Key was reused' }[status],
    );
  }
  return out;
};

const responsesOf = (spec: Spec): Record<string, ResponseConfig> =>
  Object.fromEntries(
    Object.entries(spec.responses).map(([status, r]) => {
      const content = {
        ...(r.body ? { 'application/json': { schema: r.body } } : {}),
        ...Object.fromEntries(Object.entries(r.files ?? {}).map(([type, description]) => [type, { schema: { type: 'string' as const, description } }])),
      };
      return [status, { description: r.description, ...(Object.keys(content).length > 0 ? { content } : {}) }];
    }),
  );

const headersOf = (spec: Spec) => {
  const parts = [
    ...(spec.ifMatch ? [IfMatch] : []),
    ...(spec.method === 'post' ? [IdempotencyKey] : []),
  ];
  return parts.length === 0 ? undefined : parts.reduce((a, b) => a.extend(b.shape));
};

const rolesText = (spec: Spec): string =>
  spec.roles === 'public'
    ? 'No token needed.'
    : `Roles: ${spec.roles.map((r) => `\`${r}\` (${roleLabels[r]})`).join(', ')}.`;

export const routeConfig = (route: Route): RouteConfig => {
  const { spec } = route;
  const headers = headersOf(spec);
  const request = spec.request ?? {};
  return {
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    description: [spec.description, rolesText(spec)].filter(Boolean).join('\n\n'),
    ...(spec.tags ? { tags: spec.tags } : {}),
    security: spec.roles === 'public' ? [] : [{ bearerAuth: [] }],
    'x-roles': spec.roles === 'public' ? [] : [...spec.roles],
    request: {
      ...(request.params ? { params: request.params as z.ZodObject } : {}),
      ...(request.query ? { query: request.query as z.ZodObject } : {}),
      ...(headers ? { headers } : {}),
      ...(request.body ? { body: { required: true, content: { 'application/json': { schema: request.body } } } } : {}),
    },
    responses: { ...problemsOf(spec), ...responsesOf(spec) },
  };
};

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

export const openApiDocument = (routes: readonly Route[], version: string): OpenApiDocument => {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'HS256 JWT with claims sub, name and roles (API.md), or an access token of the OpenID provider OIDC_ISSUER (README, Sign-in)',
  });
  for (const route of routes) registry.registerPath(routeConfig(route));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'customer-ledger',
      version,
      description:
        'Customer archives, grading, credit limits and complaints of the 客户管理手册, as events. ' +
        'Errors are RFC 9457 problem details; money is a decimal string in 元; periods are YYYY-MM.',
    },
    security: [{ bearerAuth: [] }],
  });
};
