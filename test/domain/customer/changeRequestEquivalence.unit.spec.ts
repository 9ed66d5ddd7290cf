import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type ArchiveFieldsPatch,
  type ChangeRequestDeciderEvent,
  type Contact,
  type CustomerCommand,
  type CustomerEvent,
  type CustomerState,
  CustomerStatus,
  changeRequestDecider,
  customerDecider,
  type ProposedDirectChanges,
} from '../../../src/domain/customer/index.js';
import { foldEvents } from '../../../src/domain/shared/index.js';
import { patchArb } from '../../arbitraries/customer.js';
import { archiveClerk, by, contactId, customerId, otherContactId, registered, requestId, salesperson } from './fixtures.js';

/**
 * What a written change request promises (README "Change requests", issue 14 item 5):
 * applied by the archive clerk, it does what the clerk's own commands would — the
 * archive fields, then status, salesperson, validity, contacts added, changed, removed —
 * all or nothing. For random archives and random requests: the request is applied
 * exactly when every direct command is accepted in turn (else the same refusal), and
 * then the archive is the one the direct commands leave.
 */
const thirdContactId = 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f';
const contactIds = [contactId, otherContactId, thirdContactId];
const contactArb = (ids: readonly string[]): fc.Arbitrary<Contact> =>
  fc.record(
    {
      id: fc.constantFrom(...ids),
      category: fc.constantFrom('primary', 'secondary'),
      name: fc.constantFrom('陈明', '林芳', '赵工'),
      mobile: fc.constantFrom('13812345678', '+86 139 1234 5678'),
    },
    { requiredKeys: ['id', 'category', 'name'] },
  ) as fc.Arbitrary<Contact>;

const customerArb = fc.record({
  status: fc.constantFrom(...CustomerStatus.options.filter((s) => s !== 'lost')),
  salespersonId: fc.constantFrom('u-sales', 'u-sales2'),
  validUntil: fc.constantFrom(null, '2027-06-30'),
  contacts: fc.uniqueArray(contactArb(contactIds), { selector: (c) => c.id, maxLength: 3 }),
});

const directArb: fc.Arbitrary<ProposedDirectChanges> = fc.record(
  {
    status: fc.constantFrom(...CustomerStatus.options),
    salespersonId: fc.constantFrom('u-sales', 'u-sales2', 'u-sales3'),
    validUntil: fc.constantFrom('2027-01-01', '2027-06-30', '2028-06-30'),
    contacts: fc.record(
      {
        add: fc.array(contactArb(contactIds), { maxLength: 2 }),
        change: fc.array(
          fc.record({
            contactId: fc.constantFrom(...contactIds),
            changes: fc.record({ name: fc.constantFrom('陈亮', '林芳芳'), category: fc.constantFrom('primary', 'secondary') }, { requiredKeys: [] }),
          }),
          { maxLength: 2 },
        ),
        remove: fc.array(fc.constantFrom(...contactIds), { maxLength: 2 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<ProposedDirectChanges>;

const clerkAt = by(archiveClerk, '已核实', 3);

/** The clerk's own commands for the same changes, in the order the README names. */
const directCommands = (fields: ArchiveFieldsPatch, proposed: ProposedDirectChanges, fieldsChange: boolean): CustomerCommand[] => [
  ...(fieldsChange ? [{ type: 'ChangeArchiveFields' as const, data: { customerId, changes: fields }, meta: clerkAt }] : []),
  ...(proposed.status === undefined ? [] : [{ type: 'ChangeStatus' as const, data: { customerId, status: proposed.status }, meta: clerkAt }]),
  ...(proposed.salespersonId === undefined ? [] : [{ type: 'ReassignSalesperson' as const, data: { customerId, salespersonId: proposed.salespersonId }, meta: clerkAt }]),
  ...(proposed.validUntil === undefined ? [] : [{ type: 'RenewValidity' as const, data: { customerId, validUntil: proposed.validUntil }, meta: clerkAt }]),
  ...(proposed.contacts?.add ?? []).map((contact) => ({ type: 'AddContact' as const, data: { customerId, contact }, meta: clerkAt })),
  ...(proposed.contacts?.change ?? []).map((c) => ({ type: 'ChangeContact' as const, data: { customerId, ...c }, meta: clerkAt })),
  ...(proposed.contacts?.remove ?? []).map((id) => ({ type: 'RemoveContact' as const, data: { customerId, contactId: id }, meta: clerkAt })),
];

/** Each command on the archive the previous ones left; the first refusal is the answer. */
const runDirect = (commands: readonly CustomerCommand[], state: CustomerState): E.Either<string, CustomerState> => {
  let current = state;
  for (const command of commands) {
    const decided = customerDecider.decide(command, current);
    if (E.isLeft(decided)) return E.left(decided.left.code);
    current = foldEvents(customerDecider, decided.right, current);
  }
  return E.right(current);
};

const isCustomerEvent = (e: ChangeRequestDeciderEvent): e is CustomerEvent => !e.type.startsWith('ChangeRequest');

describe('a change request applied is the clerk’s own changes', () => {
  test('applied exactly when the direct commands are accepted, leaving the same archive (property)', () => {
    let applied = 0;
    fc.assert(
      fc.property(customerArb, patchArb, directArb, (start, fields, proposed) => {
        const history = [registered({ ...start, archive: { name: '宁波华美工艺品有限公司' } })];
        const before = foldEvents(changeRequestDecider, history);
        const proposal = changeRequestDecider.decide(
          { type: 'ProposeChange', data: { requestId, customerId, changes: { ...fields, ...proposed } }, meta: by(salesperson, '客户来函', 2) },
          before,
        );
        // A request that changes nothing, or leaves the archive inconsistent, is refused when proposed: nothing to apply.
        fc.pre(E.isRight(proposal));
        const requested = foldEvents(changeRequestDecider, (proposal as E.Right<ChangeRequestDeciderEvent[]>).right, before);
        const request = requested.request as Extract<typeof requested.request, { status: 'pending' }>;
        const decision = changeRequestDecider.decide({ type: 'DecideChangeRequest', data: { requestId, decision: 'apply' }, meta: clerkAt }, requested);
        const direct = runDirect(directCommands(fields, proposed, request.changes.length > 0), before.customer);

        expect(E.isRight(decision) ? 'applied' : decision.left.code).toBe(E.isRight(direct) ? 'applied' : direct.left);
        if (E.isLeft(decision) || E.isLeft(direct)) return;
        applied += 1;
        const viaRequest = foldEvents(customerDecider, decision.right.filter(isCustomerEvent), before.customer);
        expect(viaRequest).toEqual(direct.right);
      }),
      { numRuns: 400 },
    );
    // The property was not satisfied by refusals alone.
    expect(applied).toBeGreaterThan(20);
  });
});
