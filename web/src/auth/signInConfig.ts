/**
 * How this server signs people in (GET /auth/config): the company's OpenID provider,
 * the development role picker, or a pasted token. A server without the route (older
 * than the console) is treated as token-only.
 */
export type DevUser = { id: string; name: string; roles: string[] };
export type SignInConfig =
  | { mode: 'oidc'; issuer: string; clientId: string; scope: string; audience?: string }
  | { mode: 'development'; users: DevUser[] }
  | { mode: 'token' };

export const fetchSignInConfig = async (): Promise<SignInConfig> => {
  const response = await fetch('/auth/config', { headers: { Accept: 'application/json' } });
  if (response.status === 404) return { mode: 'token' };
  if (!response.ok) throw new Error(`GET /auth/config answered ${response.status}`);
  return (await response.json()) as SignInConfig;
};

export type DevSignIn = { token: string; user: DevUser; expiresAt: string };

export const devSignIn = async (role: string): Promise<DevSignIn> => {
  const response = await fetch('/auth/dev-sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ role }),
  });
  if (!response.ok) throw new Error(`POST /auth/dev-sign-in answered ${response.status}`);
  return (await response.json()) as DevSignIn;
};
