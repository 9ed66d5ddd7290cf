import { events } from './001_events.js';
import { append } from './002_append.js';
import { appendBatch } from './003_appendBatch.js';
import { millisecondInstants } from './004_millisecondInstants.js';
import { appendOnly } from './005_appendOnly.js';
import { personalData } from './006_personalData.js';
import { appendGrouped } from './007_appendGrouped.js';
import { appendGroupedIndexed } from './008_appendGroupedIndexed.js';
import { operationStatus } from './009_operationStatus.js';
import { appendNotifiesTypes } from './010_appendNotifiesTypes.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';
export const storeMigrations: readonly Migration[] = [events, append, appendBatch, millisecondInstants, appendOnly, personalData, appendGrouped, appendGroupedIndexed, operationStatus, appendNotifiesTypes];
