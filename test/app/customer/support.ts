import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { Actor, CommandMeta, Role } from '../../../src/domain/shared/index.js';

export const ok = async <Err, A>(te: TE.TaskEither<Err, A>): Promise<A> => {
  const r = await te();
  if (E.isLeft(r)) throw new Error(`refused: ${JSON.stringify(r.left)}`);
  return r.right;
};

export const refused = async <Err, A>(te: TE.TaskEither<Err, A>): Promise<Err> => {
  const r = await te();
  if (E.isRight(r)) throw new Error(`accepted: ${JSON.stringify(r.right)}`);
  return r.left;
};

const person = (id: string, name: string, ...roles: Role[]): Actor => ({ id, name, roles });
export const clerk = person('u-clerk', '王丽', 'archiveClerk');
export const otherClerk = person('u-clerk2', '陈静', 'archiveClerk');
export const salesperson = person('u-sales', '张伟', 'salesperson');
export const serviceClerk = person('u-service', '李娜', 'serviceClerk');

/** The command's meta; `reason: null` leaves the reason out. */
export const meta = (actor: Actor, reason: string | null = '客户来函更新'): CommandMeta => ({
  actor,
  at: '2026-11-02T09:00:00+08:00',
  reason: reason ?? undefined,
});

/** A name no other test uses: tests share a schema per file. */
export const uniqueName = (base: string): string => `${base}-${Math.random().toString(36).slice(2, 8)}`;
