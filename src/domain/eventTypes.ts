import { complaintEventTypes } from './complaint/index.js';
import { creditEventTypes } from './credit/index.js';
import { customerEventTypes } from './customer/index.js';
import { gradingEventTypes } from './grading/index.js';
import { ledgerEventTypes } from './ledger/index.js';
import { staffEventTypes } from './staff/index.js';
import type { EventType } from './shared/index.js';

/** Every event type of every context: what the store accepts and how it upcasts. */
export const allEventTypes: readonly EventType[] = [
  ...customerEventTypes,
  ...gradingEventTypes,
  ...creditEventTypes,
  ...complaintEventTypes,
  ...ledgerEventTypes,
  ...staffEventTypes,
];
