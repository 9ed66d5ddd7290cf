import { type Actor, Role, roleLabels } from '../domain/shared/index.js';
import { type AuthConfig, signToken } from './auth.js';

/** A development user per role: `dev-<role>`, so a salesperson's own customers are those with salespersonId `dev-salesperson`. */
export const devActor = (role: Role): Actor => ({ id: `dev-${role}`, name: `Dev ${roleLabels[role]}`, roles: [role] });

/**
 * Without JWT_SECRET the server signs with a secret of its own, new at every start,
 * and prints a token for each role so that a newcomer can call the API at once.
 */
export const devTokenBanner = async (auth: AuthConfig, url: string): Promise<string[]> => {
  const tokens = await Promise.all(Role.options.map(async (role) => [role, await signToken(auth, devActor(role), '24h')] as const));
  const width = Math.max(...Role.options.map((r) => r.length));
  return [
    '',
    'JWT_SECRET is not set: development tokens for this run (valid 24 h, until the server restarts):',
    ...tokens.map(([role, token]) => `  ${role.padEnd(width)}  ${token}`),
    '',
    'Try:',
    `  TOKEN=${tokens.find(([r]) => r === 'archiveClerk')?.[1]}`,
    `  curl -s -H "Authorization: Bearer $TOKEN" ${url}/customers`,
    '',
  ];
};
