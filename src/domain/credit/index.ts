import type { EventType } from '../shared/index.js';

export const creditEventTypes: readonly EventType[] = [];
