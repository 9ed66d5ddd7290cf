import type { EventType } from '../shared/index.js';

export const gradingEventTypes: readonly EventType[] = [];
