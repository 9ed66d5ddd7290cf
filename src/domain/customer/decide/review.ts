import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { assertNever } from '../../shared/index.js';
import type { ApproveArchive, RenewValidity, ReviewArchive } from '../commands.js';
import type { CustomerError } from '../errors.js';
import type { ArchiveApproved, ArchiveRejected, ArchiveReviewed, ValidityRenewed } from '../events.js';
import type { CustomerState } from '../state.js';
import { archiveClerk, authorisedOn, personOf } from './guards.js';

/** 有效期: renewing moves the end of validity later, never earlier. */
export const renewValidity = (command: RenewValidity, state: CustomerState): E.Either<CustomerError, ValidityRenewed[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, archiveClerk, 'renewing an archive'),
    E.flatMap((customer): E.Either<CustomerError, ValidityRenewed[]> => {
      const from = customer.validUntil;
      const to = command.data.validUntil;
      if (from === to) return E.right([]);
      // ISO dates compare as text.
      if (from !== null && to < from) {
        return E.left({
          code: 'ValidityNotExtended',
          message: `the archive of ${customer.archive.name} is valid until ${from}; a renewal ends later, not on ${to}`,
        });
      }
      return E.right([{ type: 'ValidityRenewed', data: { customerId: command.data.customerId, from, to } }]);
    }),
  );

/** 客户评审小组 reviews the archive; a repeat by the same reviewer while it awaits approval is a no-op. */
export const reviewArchive = (command: ReviewArchive, state: CustomerState): E.Either<CustomerError, ArchiveReviewed[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, ['reviewBoard'], 'reviewing an archive'),
    E.map((customer): ArchiveReviewed[] =>
      customer.review.stage === 'reviewed' && customer.review.reviewer.id === command.meta.actor.id
        ? []
        : [
            {
              type: 'ArchiveReviewed',
              data: { customerId: command.data.customerId, reviewer: personOf(command.meta.actor), at: command.meta.at },
            },
          ],
    ),
  );

/**
 * 集团总经理 approves a reviewed archive (审批 Y) or rejects it back to the archive clerk
 * (审批 N). Nobody signs two steps of one chain, so the reviewer cannot decide. The same
 * decision again without a new review is a no-op; the other one is refused.
 */
export const approveArchive = (command: ApproveArchive, state: CustomerState): E.Either<CustomerError, (ArchiveApproved | ArchiveRejected)[]> =>
  pipe(
    authorisedOn(state, command.meta, command.data.customerId, ['groupGM'], 'approving an archive'),
    E.flatMap((customer): E.Either<CustomerError, (ArchiveApproved | ArchiveRejected)[]> => {
      const review = customer.review;
      const decision = command.data.decision ?? 'approve';
      switch (review.stage) {
        case 'unreviewed':
          return E.left({
            code: 'ArchiveNotReviewed',
            message: `the archive of ${customer.archive.name} awaits the review board (客户评审小组) before approval`,
          });
        case 'approved':
        case 'rejected':
          return (review.stage === 'approved') === (decision === 'approve')
            ? E.right([])
            : E.left({
                code: 'ArchiveAlreadyDecided',
                message: `the archive of ${customer.archive.name} was ${review.stage}; it is decided again after 核对与更改 and a new review`,
              });
        case 'reviewed':
          return review.reviewer.id === command.meta.actor.id
            ? E.left({
                code: 'ApproverIsReviewer',
                message: `${command.meta.actor.name} reviewed this archive and cannot also approve it`,
              })
            : E.right([
                {
                  type: decision === 'approve' ? 'ArchiveApproved' : 'ArchiveRejected',
                  data: {
                    customerId: command.data.customerId,
                    reviewer: review.reviewer,
                    approver: personOf(command.meta.actor),
                    at: command.meta.at,
                  },
                },
              ]);
        default:
          return assertNever(review);
      }
    }),
  );
