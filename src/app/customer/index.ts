export * from './changeArchiveFields.js';
export * from './changeRequests.js';
export * from './contacts.js';
export * from './readArchive.js';
export * from './records.js';
export * from './registerCustomer.js';
export * from './review.js';
export { type Changed, type CustomerAppError, type CustomerDeps, type UseCaseInput, runCustomerCommand } from './runCustomerCommand.js';
export * from './status.js';
