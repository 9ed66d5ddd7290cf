import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import {
  type ArchiveFieldName,
  type ArchiveFieldsPatch,
  type ChangeRequestCommand,
  type ChangeRequestDeciderEvent,
  type ChangeRequestError,
  type ChangeRequestState,
  type Contact,
  type CustomerCommand,
  type CustomerError,
  type CustomerEvent,
  type CustomerState,
  CustomerStatus,
  changeRequestDecider,
  customerDecider,
} from '../../src/domain/customer/index.js';
import type { Actor, CommandMeta, Role } from '../../src/domain/shared/index.js';

/**
 * Customer histories built the way production builds them: generated commands run
 * through `decide`, each accepted command's events folded with `evolve`. Ids, names
 * and values come from small pools, so repeats, no-ops and refusals are frequent.
 */

export const customerId = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const contactIds = ['a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', 'c3d4e5f6-a7b8-4c9d-8e0f-2a3b4c5d6e7f'];

const actor = (id: string, name: string, ...roles: Role[]): Actor => ({ id, name, roles });
export const actors: Actor[] = [
  actor('u-clerk', '王丽', 'archiveClerk'),
  actor('u-clerk2', '陈静', 'archiveClerk', 'salesperson'),
  actor('u-service', '李娜', 'serviceClerk'),
  actor('u-sales', '张伟', 'salesperson'),
  actor('u-review', '赵强', 'reviewBoard'),
  actor('u-gm', '孙总', 'groupGM'),
  actor('u-both', '周敏', 'reviewBoard', 'groupGM'),
  actor('u-audit', '吴审', 'auditor'),
];

const actorArb = fc.constantFrom(...actors);
const clerkArb = fc.constantFrom(actors[0]!, actors[1]!);
const reviewerArb = fc.constantFrom(actors[4]!, actors[6]!);
const gmArb = fc.constantFrom(actors[5]!, actors[6]!);
const serviceArb = fc.constantFrom(actors[0]!, actors[2]!);
const proposerArb = fc.constantFrom(actors[1]!, actors[2]!, actors[3]!);
const reasonArb = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('客户来函更新', '年度复审', '业务员反馈') }, { weight: 1, arbitrary: fc.constantFrom(undefined, '', '  ') });

export type MetaWithoutTime = Omit<CommandMeta, 'at'>;
/** Mostly the roles a command is for, sometimes anyone: refusals stay frequent without crowding out the rest. */
const metaArb = (likely: fc.Arbitrary<Actor> = clerkArb): fc.Arbitrary<MetaWithoutTime> =>
  fc.record({ actor: fc.oneof({ weight: 3, arbitrary: likely }, { weight: 1, arbitrary: actorArb }), reason: reasonArb });

const statusArb = fc.constantFrom(...CustomerStatus.options);
const moneyArb = fc.constantFrom('0', '100', '100.00', '2500.5', '125000.00');
const textArb = fc.constantFrom('浙江', '上海', '出口为主', '重点客户');

/** A valid value of each archive field, from small pools. */
export const archiveValueArbs: Record<ArchiveFieldName, fc.Arbitrary<unknown>> = {
  name: fc.constantFrom('宁波华美工艺品有限公司', '宁波华美集团', 'ACME Trading'),
  region: textArb,
  profile: textArb,
  address: fc.constantFrom('宁波市鄞州区天童南路 1 号', '上海市浦东新区世纪大道 100 号'),
  website: fc.constantFrom('https://www.huamei.example.cn', 'http://acme.example.com'),
  companyType: fc.constantFrom('agent', 'factory', 'tradingCompany', 'other'),
  companyTypeOther: textArb,
  companyNature: fc.constantFrom('民营', '国有'),
  legalRepresentative: fc.constantFrom('陈华', '李强'),
  industry: fc.constantFrom('工艺品', '纺织'),
  industrySituation: textArb,
  bankCreditRating: fc.constantFrom('AAA', 'AA', 'A'),
  marketCoverage: textArb,
  products: textArb,
  businessScope: textArb,
  registeredCapital: moneyArb,
  marketPositioning: textArb,
  salesChannels: textArb,
  purchasingSituation: textArb,
  sales: fc.record({ annual: moneyArb, offSeason: moneyArb, peakSeason: moneyArb }, { requiredKeys: [] }),
  monthlyPurchasingPower: fc.record({ overall: moneyArb, offSeason: moneyArb, peakSeason: moneyArb }, { requiredKeys: [] }),
  competition: fc.record({ competitorsInUse: textArb, satisfaction: textArb, competitorReps: textArb, relationship: textArb }, { requiredKeys: [] }),
  remarks: textArb,
  invoicing: fc.record(
    {
      bank: fc.constantFrom('中国银行宁波分行'),
      accountNumber: fc.constantFrom('3701 2345 6789 0123'),
      taxRegistrationNumber: fc.constantFrom('91350100M000100Y43', '91440300708461136T'),
      phone: fc.constantFrom('0574-87654321', '13812345678'),
    },
    { requiredKeys: [] },
  ),
};

const nameArb = archiveValueArbs.name;
const fieldNames = Object.keys(archiveValueArbs) as ArchiveFieldName[];

/** A patch over up to four of `fields`; `null` clears one (never the name). */
export const patchOverArb = (fields: readonly ArchiveFieldName[] = fieldNames): fc.Arbitrary<ArchiveFieldsPatch> => fc
  .shuffledSubarray([...fields], { maxLength: 4 })
  .chain((fields) =>
    fc.record(
      Object.fromEntries(
        fields.map((f) => [f, f === 'name' ? nameArb : fc.oneof({ weight: 4, arbitrary: archiveValueArbs[f] }, { weight: 1, arbitrary: fc.constant(null) })]),
      ),
    ),
  ) as fc.Arbitrary<ArchiveFieldsPatch>;

export const patchArb = patchOverArb();

const contactArb: fc.Arbitrary<Contact> = fc.record(
  {
    id: fc.constantFrom(...contactIds),
    category: fc.constantFrom('primary', 'secondary'),
    name: fc.constantFrom('陈明', '林芳'),
    mobile: fc.constantFrom('13812345678', '+86 139 1234 5678'),
    email: fc.constantFrom('chen@huamei.example.cn'),
  },
  { requiredKeys: ['id', 'category', 'name'] },
) as fc.Arbitrary<Contact>;

type Draft = { type: CustomerCommand['type']; data: unknown; meta: MetaWithoutTime };
const draft = <T extends CustomerCommand['type']>(type: T, data: fc.Arbitrary<unknown>, meta = metaArb()) =>
  fc.record({ type: fc.constant(type), data, meta }) as fc.Arbitrary<Draft>;

/** A valid first registration, so most histories have an archive to work on. */
const registerArb = (meta = metaArb()) =>
  draft(
    'RegisterCustomer',
    fc.record({
      customerId: fc.constant(customerId),
      name: nameArb,
      salespersonId: fc.constantFrom('u-sales', 'u-clerk2'),
      status: statusArb,
      region: textArb,
      registeredCapital: moneyArb,
      contacts: fc.uniqueArray(contactArb, { selector: (c) => c.id, maxLength: 2 }),
    }, { requiredKeys: ['customerId', 'name', 'salespersonId', 'status'] }),
    meta,
  );

const later = fc.constantFrom('2020-01-01T00:00:00.000Z', '2099-01-01T00:00:00.000Z');

const commandDraftArb: fc.Arbitrary<Draft> = fc.oneof(
  registerArb(fc.record({ actor: actorArb, reason: reasonArb })),
  { weight: 4, arbitrary: draft('ChangeArchiveFields', fc.record({ customerId: fc.constant(customerId), changes: patchArb }), metaArb()) },
  draft('AddContact', fc.record({ customerId: fc.constant(customerId), contact: contactArb })),
  draft('ChangeContact', fc.record({ customerId: fc.constant(customerId), contactId: fc.constantFrom(...contactIds), changes: fc.record({ name: fc.constantFrom('陈明', '陈亮'), mobile: fc.constantFrom('13812345678', null), category: fc.constantFrom('primary', 'secondary') }, { requiredKeys: [] }) })),
  draft('RemoveContact', fc.record({ customerId: fc.constant(customerId), contactId: fc.constantFrom(...contactIds) })),
  { weight: 2, arbitrary: draft('ChangeStatus', fc.record({ customerId: fc.constant(customerId), status: statusArb }), metaArb()) },
  draft('ReassignSalesperson', fc.record({ customerId: fc.constant(customerId), salespersonId: fc.constantFrom('u-sales', 'u-sales2') })),
  { weight: 2, arbitrary: draft('RecordViolation', fc.record({ customerId: fc.constant(customerId), occurredAt: later, type: fc.constantFrom('逾期付款', '窜货'), description: textArb }), metaArb(serviceArb)) },
  { weight: 2, arbitrary: draft('AddEvaluation', fc.record({ customerId: fc.constant(customerId), text: textArb }), metaArb(actorArb)) },
  draft('RenewValidity', fc.record({ customerId: fc.constant(customerId), validUntil: fc.constantFrom('2026-12-31', '2027-06-30', '2027-12-31') })),
  draft('ReviewArchive', fc.record({ customerId: fc.constant(customerId) }), metaArb(reviewerArb)),
  draft('ApproveArchive', fc.record({ customerId: fc.constant(customerId) }), metaArb(gmArb)),
);

/** The time of the i-th command: one hour after the previous one. */
export const timeOf = (i: number): string => new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString();

export type Step<C, S, Ev, Err> = { command: C; before: S; result: E.Either<Err, Ev[]>; after: S };
export type CustomerStep = Step<CustomerCommand, CustomerState, CustomerEvent, CustomerError>;

const withTime = <C>(drafts: readonly { meta: MetaWithoutTime }[]): C[] =>
  drafts.map((d, i) => ({ ...d, meta: { ...d.meta, at: timeOf(i) } }) as C);

export const runSteps = <C, S, Ev, Err>(
  decider: { decide: (c: C, s: S) => E.Either<Err, Ev[]>; evolve: (s: S, e: Ev) => S },
  initial: S,
  commands: readonly C[],
): Step<C, S, Ev, Err>[] => {
  let state = initial;
  return commands.map((command) => {
    const before = state;
    const result = decider.decide(command, before);
    state = E.isRight(result) ? result.right.reduce(decider.evolve, before) : before;
    return { command, before, result, after: state };
  });
};

/** Commands on one customer (most often registered first) and what each did. */
export const customerStepsArb = (maxLength = 30): fc.Arbitrary<CustomerStep[]> =>
  fc
    .tuple(fc.option(registerArb(), { freq: 8, nil: undefined }), fc.array(commandDraftArb, { maxLength }))
    .map(([first, rest]) => runSteps(customerDecider, customerDecider.initialState, withTime<CustomerCommand>(first ? [first, ...rest] : rest)));

export const eventsOf = <Ev>(steps: readonly { result: E.Either<unknown, Ev[]> }[]): Ev[] =>
  steps.flatMap((s) => (E.isRight(s.result) ? s.result.right : []));

export type ChangeRequestStep = Step<ChangeRequestCommand | CustomerCommand, ChangeRequestState, ChangeRequestDeciderEvent, ChangeRequestError | CustomerError>;

export const requestId = 'd4e5f6a7-b8c9-4d0e-8f1a-3b4c5d6e7f80';

/** 修改申请 interleaved with the archive clerk's direct changes, on one request. */
export const changeRequestStepsArb = (maxLength = 20): fc.Arbitrary<ChangeRequestStep[]> => {
  // Few fields, so that direct changes often overtake a pending request (stale).
  const patchArb = patchOverArb(['name', 'region', 'remarks', 'registeredCapital', 'sales']);
  const propose = fc.record({
    type: fc.constant('ProposeChange' as const),
    data: fc.record({ requestId: fc.constant(requestId), customerId: fc.constant(customerId), changes: patchArb }),
    meta: metaArb(proposerArb),
  });
  const decideOn = fc.record({
    type: fc.constant('DecideChangeRequest' as const),
    data: fc.record({ requestId: fc.constant(requestId), decision: fc.constantFrom('apply' as const, 'reject' as const) }),
    meta: metaArb(),
  });
  const direct = draft('ChangeArchiveFields', fc.record({ customerId: fc.constant(customerId), changes: patchArb }), metaArb(clerkArb));
  type Mixed = ChangeRequestCommand | CustomerCommand;
  const both = {
    decide: (c: Mixed, s: ChangeRequestState) =>
      c.type === 'ProposeChange' || c.type === 'DecideChangeRequest'
        ? changeRequestDecider.decide(c, s)
        : (customerDecider.decide(c, s.customer) as E.Either<CustomerError, ChangeRequestDeciderEvent[]>),
    evolve: changeRequestDecider.evolve,
  };
  return fc
    .tuple(registerArb(fc.record({ actor: clerkArb, reason: fc.constant('建档') })), fc.array(fc.oneof(propose, decideOn, direct), { maxLength }))
    .map(([first, rest]) => runSteps<Mixed, ChangeRequestState, ChangeRequestDeciderEvent, ChangeRequestError | CustomerError>(both, changeRequestDecider.initialState, withTime<Mixed>([first, ...rest])));
};
