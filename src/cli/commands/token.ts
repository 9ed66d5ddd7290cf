import { type Command, InvalidArgumentError } from 'commander';
import { authConfig, signToken } from '../../api/auth.js';
import { Actor, Role } from '../../domain/shared/index.js';
import { usageError } from '../errors.js';
import { readConfig } from '../storeAccess.js';

type TokenOptions = { sub: string; name: string; role: Role[]; expires: string };

const collectRole = (value: string, previous: Role[] = []): Role[] => {
  const role = Role.safeParse(value);
  if (!role.success) throw new InvalidArgumentError(`roles are ${Role.options.join(', ')}.`);
  return previous.includes(role.data) ? previous : [...previous, role.data];
};

const unitSeconds: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 7 * 86_400 };

/** `--expires` in seconds ("8h", "30 minutes", "7d"), already checked to be a duration. */
const lifetimeSeconds = (expires: string): number => {
  const [, count = '0', unit = 's'] = /^(\d+)\s*([a-z])/i.exec(expires) ?? [];
  return Number(count) * (unitSeconds[unit.toLowerCase()] ?? 1);
};

/** A development JWT (API.md, Authentication) signed with the configured JWT_SECRET. */
export const registerToken = (program: Command) =>
  program
    .command('token')
    .description('print a JWT for the API, signed with JWT_SECRET (HS256; claims sub, name, roles)')
    .requiredOption('--sub <id>', 'user id (the token subject; a salesperson sees the customers whose salespersonId is this)')
    .requiredOption('--name <name>', 'display name, recorded as the actor of every change')
    .requiredOption('--role <role...>', `one or more roles: ${Role.options.join(', ')}`, collectRole)
    .option('--expires <duration>', 'lifetime, e.g. 30m, 8h, 7d', '8h')
    .addHelpText('after', '\nExample:\n  customer-ledger token --sub u-1001 --name 王芳 --role archiveClerk serviceClerk')
    .action(async (options: TokenOptions) => {
      const config = readConfig();
      if (!config.jwtSecret) {
        throw usageError('JWT_SECRET is not set: the server then makes a random secret per start, so set the same JWT_SECRET for both');
      }
      if (!/^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/i.test(options.expires)) {
        throw usageError(`--expires ${options.expires} is not a duration such as 30m, 8h or 7d`);
      }
      if (lifetimeSeconds(options.expires) > config.jwtMaxTtlSeconds) {
        throw usageError(`--expires ${options.expires} is longer than JWT_MAX_TTL (${config.jwtMaxTtlSeconds} s): the server would refuse the token`);
      }
      const actor = Actor.safeParse({ id: options.sub, name: options.name, roles: options.role });
      if (!actor.success) {
        const issue = actor.error.issues[0];
        throw usageError(`--${issue?.path[0] === 'id' ? 'sub' : String(issue?.path[0])}: ${issue?.message}`);
      }
      const token = await signToken(authConfig(config.jwtSecret), actor.data, options.expires);
      console.log(token);
    });
