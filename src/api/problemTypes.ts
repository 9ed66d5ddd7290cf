/**
 * Problem `type` URIs and the status of domain refusals.
 *
 * Every problem type is `https://customer-ledger.dev/problems/<code in kebab case>`:
 * the refusal's code (`PeriodIsFrozen` → `.../period-is-frozen`) under one base, so a
 * new domain rule needs no entry here. The URIs are identifiers: clients compare them
 * and must not fetch them (RFC 9457 §3.1.1); the same name is in the `code` member.
 */
export const problemTypeBase = 'https://customer-ledger.dev/problems/';

const kebab = (code: string): string =>
  code
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

export const problemType = (code: string): string => `${problemTypeBase}${kebab(code)}`;

/** `PeriodIsFrozen` → `Period is frozen`: a short, stable summary of the type. */
export const titleOf = (code: string): string => {
  const words = kebab(code).split('-');
  const sentence = words.join(' ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
};

/**
 * Domain refusals answer 409 (the request conflicts with the state a rule protects),
 * except the few below. A code that says something does not exist ends in `NotFound`
 * (`CustomerNotFound`) and answers 404.
 */
const exceptions: Record<string, 403 | 404 | 422> = {
  // Who may do it: the caller's post (岗位) or person may not.
  RoleNotAllowed: 403,
  NotTheRequester: 403, // only the requester withdraws a credit request
  // Input the domain finds invalid whatever the state: 422.
  ReasonRequired: 422, // 修改须书面提交: the written reason is missing
  PaidExceedsDue: 422, // credit paid on time cannot exceed the credit due
  PeriodIsInTheFuture: 422,
  ViolationInTheFuture: 422,
  CompanyTypeTextWithoutOther: 422, // 类型·其他 text beside a type that is not 其他
  NameHasBidiControl: 422, // a new customer name holding a bidirectional control (issue 12)
  LimitUnchanged: 422, // a credit request that proposes the current limit
  ReceivedInTheFuture: 422, // a complaint received later than now
};

export const domainStatus = (code: string): number =>
  Object.hasOwn(exceptions, code) ? exceptions[code]! : code.endsWith('NotFound') ? 404 : 409;
