import type { ArchiveReview, Evaluation } from '../../domain/customer/index.js';
import type { At, ReadDeps } from '../shared/query.js';
import { type NameOf, staffNamer } from '../staff/names.js';
import type { CustomerArchiveView } from './archive.js';

/** 审批 with the reviewer's and approver's names beside their recorded selves. */
export type NamedReview =
  | { stage: 'unreviewed' }
  | (Extract<ArchiveReview, { stage: 'reviewed' }> & { reviewerName: string })
  | (Extract<ArchiveReview, { stage: 'approved' }> & { reviewerName: string; approverName: string })
  | (Extract<ArchiveReview, { stage: 'rejected' }> & { reviewerName: string; approverName: string });

type Nameable = Pick<CustomerArchiveView, 'salespersonId' | 'evaluations' | 'review'>;

/** An archive with its people named: 业务员, each evaluation's 评价人, the reviewer and approver. */
export type NamedArchive<V extends Nameable> = Omit<V, 'evaluations' | 'review'> & {
  salespersonName: string | null;
  evaluations: (Evaluation & { evaluatorName: string })[];
  review: NamedReview;
};

// An act's person always has the name their token carried: the fallback never leaves it null.
const actName = (nameOf: NameOf, person: { id: string; name: string }): string => nameOf(person.id, person.name) ?? person.name;

const namedReview = (review: ArchiveReview, nameOf: NameOf): NamedReview => {
  switch (review.stage) {
    case 'unreviewed':
      return review;
    case 'reviewed':
      return { ...review, reviewerName: actName(nameOf, review.reviewer) };
    case 'approved':
    case 'rejected':
      return { ...review, reviewerName: actName(nameOf, review.reviewer), approverName: actName(nameOf, review.approver) };
  }
};

/** Everyone an archive names: 业务员, each evaluation's 评价人, the reviewer and the approver. */
export const archivePeople = (view: Nameable): string[] => {
  const review = view.review;
  return [
    view.salespersonId,
    ...view.evaluations.map((e) => e.evaluator.id),
    ...(review.stage === 'unreviewed' ? [] : [review.reviewer.id]),
    ...(review.stage === 'approved' || review.stage === 'rejected' ? [review.approver.id] : []),
  ];
};

/**
 * The people of an archive named (API.md v1.1): the directory's name, else (for an act:
 * an evaluation, the review, the approval) the name the person's token carried; 业务员,
 * who did not act, is null when not listed.
 */
export const namedArchive = <V extends Nameable>(view: V, nameOf: NameOf): NamedArchive<V> => ({
  ...view,
  salespersonName: nameOf(view.salespersonId),
  evaluations: view.evaluations.map((e) => ({ ...e, evaluatorName: actName(nameOf, e.evaluator) })),
  review: namedReview(view.review, nameOf),
});

/** An archive named as of its time point: one directory read. */
export const nameArchive = async <V extends Nameable>(deps: ReadDeps, view: V, at: At): Promise<NamedArchive<V>> =>
  namedArchive(view, await staffNamer(deps, archivePeople(view), at));
