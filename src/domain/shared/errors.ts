import * as E from 'fp-ts/Either';
import { type Actor, hasRole } from './actor.js';
import type { CommandMeta, DomainError } from './decider.js';
import type { Role } from './roles.js';
import { roleLabels } from './roles.js';
import { isBlank } from './text.js';

export type ReasonRequired = DomainError<'ReasonRequired'>;
export type RoleNotAllowed = DomainError<'RoleNotAllowed'>;

/** 专人负责: every modification states in writing why it is made. */
export const requireReason = (meta: CommandMeta): E.Either<ReasonRequired, string> =>
  meta.reason !== undefined && !isBlank(meta.reason)
    ? E.right(meta.reason.trim())
    : E.left({ code: 'ReasonRequired', message: 'every change states in writing why it is made (reason is empty)' });

export const requireRole = (
  actor: Actor,
  roles: readonly Role[],
  action: string,
): E.Either<RoleNotAllowed, Actor> =>
  hasRole(actor, ...roles)
    ? E.right(actor)
    : E.left({
        code: 'RoleNotAllowed',
        message: `${action} is for ${roles.map((r) => `${r} (${roleLabels[r]})`).join(', ')}; ${actor.name} holds ${actor.roles.join(', ')}`,
      });
