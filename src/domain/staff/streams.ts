import { createHash } from 'node:crypto';

// What a stream id may hold after its category (the store's pattern), less `_`: kept for hashed ids.
const plain = /^[A-Za-z0-9.:-]{1,200}$/;

/**
 * One stream per staff member: their directory entry's history. A token's `sub` may be
 * spelled in any characters (`auth0|…`, an e-mail address, Chinese), a stream id may
 * not: an id outside the plain set is named by its SHA-256 behind `_`, which no plain
 * id holds, so that two people never share a stream.
 */
export const staffStreamId = (staffId: string): string =>
  plain.test(staffId) ? `staff-${staffId}` : `staff-_${createHash('sha256').update(staffId, 'utf8').digest('hex')}`;
