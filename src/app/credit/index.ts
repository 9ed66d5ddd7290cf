export * from './changeCreditRequest.js';
export * from './customerSnapshot.js';
export * from './decideCreditLimitChange.js';
export * from './getCreditRequest.js';
export * from './requestCreditLimitChange.js';
export * from './routingPolicy.js';
export * from './withdrawCreditLimitChange.js';
