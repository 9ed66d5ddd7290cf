import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'vitest';

/** An RFC 9457 answer with this status (and code, when given). */
export const expectProblem = (res: request.Response, status: number, code?: string) => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, ...(code === undefined ? {} : { code }) });
};

/** A client for one token: `as(token).post(path).send(body)`. */
export const client = (app: Express) => (token?: string) => {
  const auth = (r: request.Test) => (token === undefined ? r : r.set('Authorization', `Bearer ${token}`));
  return {
    get: (path: string) => auth(request(app).get(path)),
    post: (path: string) => auth(request(app).post(path)),
    put: (path: string) => auth(request(app).put(path)),
    patch: (path: string) => auth(request(app).patch(path)),
    delete: (path: string) => auth(request(app).delete(path)),
  };
};
