import { createHash } from 'node:crypto';
import unhomoglyph from 'unhomoglyph';
import { withoutInvisible } from '../shared/index.js';

/** `customer-<uuid>`: one customer's archive. */
export const customerStreamId = (customerId: string): string => `customer-${customerId}`;

/** `changeRequest-<uuid>`: one 修改申请, loadable by its id alone. */
export const changeRequestStreamId = (requestId: string): string => `changeRequest-${requestId}`;

/**
 * Names that people read as the same are the same name: full-width and half-width
 * forms (NFKC), surrounding and repeated inner spaces, letter case.
 */
export const normaliseCustomerName = (name: string): string =>
  name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * `customerName-<sha256 hex of the normalised name>`: the reservation that keeps
 * live names unique. Hashing is deterministic, so the domain stays pure.
 */
export const customerNameStreamId = (name: string): string =>
  `customerName-${createHash('sha256').update(normaliseCustomerName(name), 'utf8').digest('hex')}`;

/**
 * Names that look the same are the same name: besides what normaliseCustomerName
 * folds, the code points drawn as nothing (U+200B, U+00AD, U+FEFF, …) are removed and
 * the rest compared by their UTS #39 confusable skeleton (NFD, the confusables.txt
 * mapping via unhomoglyph, NFD), case folded before and after: a Cyrillic "А" is a
 * Latin "A", "0" is "O".
 */
export const customerNameLookalike = (name: string): string => {
  const folded = normaliseCustomerName(withoutInvisible(name.normalize('NFKC')));
  return unhomoglyph(folded.normalize('NFD')).normalize('NFD').toLowerCase();
};

/**
 * `customerLookalike-<sha256 hex of the skeleton>`: the second reservation every live
 * name holds (since issue 12), so that no two live names look alike. Names reserved
 * before it hold only their customerName stream: `customer-ledger report
 * name-collisions` lists today's look-alikes among them.
 */
export const customerLookalikeStreamId = (name: string): string =>
  `customerLookalike-${createHash('sha256').update(customerNameLookalike(name), 'utf8').digest('hex')}`;
