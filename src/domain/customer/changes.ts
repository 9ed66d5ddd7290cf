import type { ArchiveFieldsPatch, ArchiveRecord, Contact, ContactPatch } from './fields/index.js';
import { archiveFieldNames, canonicalPatch, contactFieldNames, sameValue } from './fields/index.js';
import type { ContactFieldChange, FieldChange } from './events.js';

/**
 * What a patch changes: exactly the fields whose (canonical) value differs, each
 * with its old and new value, `null` meaning empty. An empty list is a no-op.
 */
export const diffArchive = (archive: ArchiveRecord, patch: ArchiveFieldsPatch): FieldChange[] => {
  const canonical = canonicalPatch(patch);
  return archiveFieldNames.flatMap((field): FieldChange[] => {
    if (!(field in canonical)) return [];
    const from = archive[field] ?? null;
    const to = canonical[field] ?? null;
    return sameValue(from, to) ? [] : [{ field, from, to } as FieldChange];
  });
};

const withValue = <T extends object>(record: T, field: string, value: unknown): T => {
  const { [field]: _previous, ...rest } = record as Record<string, unknown>;
  return (value === null ? rest : { ...rest, [field]: value }) as T;
};

export const applyArchiveChanges = (archive: ArchiveRecord, changes: readonly FieldChange[]): ArchiveRecord =>
  changes.reduce((acc, change) => withValue(acc, change.field, change.to), archive);

/** Only the keys that hold a value: events carry no `undefined`, so a replay sees what `decide` saw. */
export const withoutEmpty = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== null)) as T;

export const diffContact = (contact: Contact, patch: ContactPatch): ContactFieldChange[] =>
  contactFieldNames.flatMap((field): ContactFieldChange[] => {
    if (patch[field] === undefined) return [];
    const from = contact[field] ?? null;
    const to = patch[field] ?? null;
    return sameValue(from, to) ? [] : [{ field, from, to }];
  });

export const applyContactChanges = (contact: Contact, changes: readonly ContactFieldChange[]): Contact =>
  changes.reduce((acc, change) => withValue(acc, change.field, change.to), contact);
