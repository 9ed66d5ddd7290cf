import type { EventType } from '../shared/index.js';

export const complaintEventTypes: readonly EventType[] = [];
