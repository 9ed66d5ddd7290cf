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
 * the rest compared by their UTS #39 confusable skeleton (the confusables.txt mapping
 * via unhomoglyph, on NFD). Letter case is folded around it as uppercase first: a
 * skeleton maps capitals that look alike (Cyrillic "М", "Н", "К" to "M", "H", "K") whose
 * small letters do not look alike ("м" is not "m"), and it maps "I" to "l" but not "i";
 * since names equal up to case are one name, "нктвм" is "НКТВМ", which looks like "HKTBM".
 */
export const customerNameLookalike = (name: string): string => {
  const skeleton = (s: string) => unhomoglyph(s.normalize('NFD')).normalize('NFD');
  const folded = normaliseCustomerName(withoutInvisible(name.normalize('NFKC')));
  return skeleton(skeleton(folded.toUpperCase()).toLowerCase()).toLowerCase();
};

/**
 * `customerLookalike2-<sha256 hex of the skeleton>`: the second reservation every live
 * name holds, so that no two live names look alike. The first keying
 * (`customerLookalike-`, case folded before the skeleton) missed look-alike capitals;
 * its streams are no longer read. Names that do not hold this one (registered before it,
 * or before any look-alike reservation) are back-filled (app/customer/lookalikeBackfill.ts);
 * `customer-ledger report name-collisions` lists the look-alikes among live names.
 */
export const customerLookalikeStreamId = (name: string): string =>
  `customerLookalike2-${createHash('sha256').update(customerNameLookalike(name), 'utf8').digest('hex')}`;

/** The category of customerLookalikeStreamId's streams (the back-fill finds them in the log). */
export const customerLookalikeCategory = 'customerLookalike2-';
