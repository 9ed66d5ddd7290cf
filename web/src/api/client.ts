import createClient, { type Middleware } from 'openapi-fetch';
import { clearSession, readSession } from '../auth/session.js';
import type { paths } from './schema.js';

/** The methods that change something: each carries an Idempotency-Key, so a retry (a double click, a lost answer) changes nothing twice. */
const writes = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Called when the server answers 401: the token expired or was revoked. */
let onUnauthenticated: () => void = () => undefined;
export const whenUnauthenticated = (handler: () => void): void => {
  onUnauthenticated = handler;
};

const session: Middleware = {
  onRequest({ request }) {
    const token = readSession()?.token;
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    if (writes.has(request.method) && !request.headers.has('Idempotency-Key')) request.headers.set('Idempotency-Key', crypto.randomUUID());
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && request.headers.has('Authorization')) {
      clearSession();
      onUnauthenticated();
    }
    return response;
  },
};

/**
 * The one client of the API, typed from its OpenAPI document (schema.d.ts). Same origin:
 * the console is served by the API server. `If-Match` is a typed header of each route
 * that takes it: pass the ETag read with the data (`params: { header: { 'If-Match': etag } }`).
 */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(session);
