/**
 * Who is signed in: the bearer token and the user it names, kept in sessionStorage
 * (per tab, gone when the tab closes; never in localStorage where it would outlive it).
 */
export type SessionUser = { id: string; name: string; roles: string[] };
export type Session = { token: string; user: SessionUser; expiresAt: string | null };

const key = 'customer-ledger.session';

export const readSession = (): Session | null => {
  const raw = sessionStorage.getItem(key);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(key);
      return null;
    }
    return session;
  } catch {
    sessionStorage.removeItem(key);
    return null;
  }
};

export const saveSession = (session: Session): void => sessionStorage.setItem(key, JSON.stringify(session));

export const clearSession = (): void => sessionStorage.removeItem(key);

const base64UrlJson = (part: string): unknown => {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
};

/**
 * The user a JWT names (`sub`, `name`, `roles`, `exp`), read without verifying: the
 * server verifies every request; the console only needs to know what to show.
 */
export const sessionFromToken = (token: string): Session | null => {
  const payload = token.trim().split('.')[1];
  if (!payload) return null;
  try {
    const claims = base64UrlJson(payload) as { sub?: unknown; name?: unknown; roles?: unknown; exp?: unknown };
    if (typeof claims.sub !== 'string') return null;
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
    return {
      token: token.trim(),
      user: { id: claims.sub, name: typeof claims.name === 'string' ? claims.name : claims.sub, roles },
      expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : null,
    };
  } catch {
    return null;
  }
};
