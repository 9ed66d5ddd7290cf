import type { At, ReadDeps } from '../shared/query.js';
import { staffNamer } from '../staff/names.js';

type Person = { id: string; name: string };
type Nameable = { customer: { salespersonId: string }; requester: Person; decisions: readonly { approver: Person }[] };

/** A credit request with its people named: 客户负责人, 申请人 and each approver of 审核意见. */
export type NamedCreditRequest<V extends Nameable> = Omit<V, 'customer' | 'decisions'> & {
  customer: V['customer'] & { salespersonName: string | null };
  requesterName: string;
  decisions: (V['decisions'][number] & { approverName: string })[];
};

/**
 * The people of credit requests named as of the answer's time point (API.md v1.1),
 * one directory read for all: the directory's name, else for the requester and the
 * approvers (who acted) the name their token carried; 客户负责人 null when not listed.
 */
export const nameCreditRequests = async <V extends Nameable>(deps: ReadDeps, views: readonly V[], at: At): Promise<NamedCreditRequest<V>[]> => {
  const people = views.flatMap((v) => [v.customer.salespersonId, v.requester.id, ...v.decisions.map((d) => d.approver.id)]);
  const nameOf = await staffNamer(deps, people, at);
  const act = (p: Person) => nameOf(p.id, p.name) ?? p.name;
  return views.map((v) => ({
    ...v,
    customer: { ...v.customer, salespersonName: nameOf(v.customer.salespersonId) },
    requesterName: act(v.requester),
    decisions: v.decisions.map((d) => ({ ...d, approverName: act(d.approver) })),
  }));
};

