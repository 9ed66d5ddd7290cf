import { type EventType, eventType } from '../shared/index.js';
import { ChangeRequestApplied, ChangeRequestRejected, ChangeRequested } from './changeRequest/events.js';
import {
  ArchiveApproved,
  ArchiveRejected,
  ArchiveFieldsChanged,
  ArchiveReviewed,
  ContactAdded,
  ContactChanged,
  ContactErased,
  ContactRemoved,
  CustomerRegistered,
  EvaluationAdded,
  LegalRepresentativeErased,
  SalespersonReassigned,
  StatusChanged,
  ValidityRenewed,
  ViolationRecorded,
} from './events.js';
import { CustomerNameReleased, CustomerNameReserved } from './nameReservation.js';

export * from './changeRequest/commands.js';
export * from './changeRequest/decider.js';
export * from './changeRequest/errors.js';
export * from './changeRequest/events.js';
export * from './changeRequest/state.js';
export * from './changes.js';
export * from './commands.js';
export { statusTransitions } from './decide/status.js';
export * from './decider.js';
export * from './errors.js';
export * from './events.js';
export * from './evolve.js';
export * from './fields/index.js';
export * from './nameReservation.js';
export * from './state.js';
export * from './streams.js';

/** Every event the customer context writes: archives, name reservations, change requests. */
export const customerEventTypes: readonly EventType[] = [
  eventType('CustomerRegistered', CustomerRegistered.shape.data),
  eventType('ArchiveFieldsChanged', ArchiveFieldsChanged.shape.data),
  eventType('ContactAdded', ContactAdded.shape.data),
  eventType('ContactChanged', ContactChanged.shape.data),
  eventType('ContactRemoved', ContactRemoved.shape.data),
  eventType('StatusChanged', StatusChanged.shape.data),
  eventType('SalespersonReassigned', SalespersonReassigned.shape.data),
  eventType('ViolationRecorded', ViolationRecorded.shape.data),
  eventType('EvaluationAdded', EvaluationAdded.shape.data),
  eventType('ValidityRenewed', ValidityRenewed.shape.data),
  eventType('ArchiveReviewed', ArchiveReviewed.shape.data),
  eventType('ArchiveApproved', ArchiveApproved.shape.data),
  eventType('ArchiveRejected', ArchiveRejected.shape.data),
  eventType('ContactErased', ContactErased.shape.data),
  eventType('LegalRepresentativeErased', LegalRepresentativeErased.shape.data),
  eventType('CustomerNameReserved', CustomerNameReserved.shape.data),
  eventType('CustomerNameReleased', CustomerNameReleased.shape.data),
  eventType('ChangeRequested', ChangeRequested.shape.data),
  eventType('ChangeRequestApplied', ChangeRequestApplied.shape.data),
  eventType('ChangeRequestRejected', ChangeRequestRejected.shape.data),
];
