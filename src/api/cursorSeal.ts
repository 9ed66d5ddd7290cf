import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';

/**
 * Cursors are sealed with an HMAC under a key derived from the server's secret: a list
 * only ever decodes a position it gave out itself, so a forged or tampered cursor
 * (`["' OR 1=1--",27]`, a NUL, a position of another list's shape) is a 400 at
 * `query.cursor` before any route or query sees it. Servers sharing JWT_SECRET accept
 * each other's cursors; changing the secret ends every cursor in circulation, which
 * clients handle as they handle any expired page link (start again from the first page).
 *
 * The seal is applied at the edge (routeHandler.ts): every `nextCursor` answered is
 * sealed, every `cursor` received is opened, so no route can forget either.
 */
export type CursorSeal = { seal(cursor: string): string; open(sealed: string): string | undefined };

const macLength = 16; // 128 bits: forging one by guessing is out of reach

export const cursorSeal = (secret: KeyObject): CursorSeal => {
  const key = createHmac('sha256', secret).update('customer-ledger cursor seal v1').digest();
  const mac = (cursor: string) => createHmac('sha256', key).update(cursor, 'utf8').digest().subarray(0, macLength);
  return {
    seal: (cursor) => `${cursor}.${mac(cursor).toString('base64url')}`,
    open: (sealed) => {
      const dot = sealed.lastIndexOf('.');
      if (dot <= 0) return undefined;
      const cursor = sealed.slice(0, dot);
      const given = Buffer.from(sealed.slice(dot + 1), 'base64url');
      return given.length === macLength && timingSafeEqual(given, mac(cursor)) ? cursor : undefined;
    },
  };
};
