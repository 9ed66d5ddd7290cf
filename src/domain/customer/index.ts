import type { EventType } from '../shared/index.js';

export const customerEventTypes: readonly EventType[] = [];
