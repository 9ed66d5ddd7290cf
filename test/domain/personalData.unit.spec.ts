import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import { archiveFieldNames, contactFieldNames } from '../../src/domain/customer/index.js';
import { allEventTypes } from '../../src/domain/eventTypes.js';
import { notPersonal, personalFields } from '../../src/domain/personalData.js';
import { locate } from '../../src/store/pii/locate.js';

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType; options?: z.ZodType[] };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every leaf of a schema as a path (`contacts[].name`). */
const leavesOf = (schema: z.ZodType, path = '', out = new Set<string>()): Set<string> => {
  const d = defOf(schema);
  switch (d.type) {
    case 'object':
      for (const [k, v] of Object.entries(d.shape!)) leavesOf(v, path ? `${path}.${k}` : k, out);
      break;
    case 'array':
      leavesOf(d.element!, `${path}[]`, out);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'prefault':
      leavesOf(d.innerType!, path, out);
      break;
    case 'pipe':
      leavesOf(d.in!, path, out);
      break;
    case 'union':
      for (const o of d.options!) leavesOf(o, path, out);
      break;
    default:
      out.add(path);
  }
  return out;
};

/** What a field's name says about it: a person's name, phone, mobile, fax, email, id number, representative. */
const looksPersonal = (key: string) => /(name|phone|mobile|fax|e-?mail|idnumber|idcard|identity|passport|representative)$/i.test(key);

describe('the declaration of personal fields', () => {
  const leaves = allEventTypes.map((t) => ({ type: t.type, paths: [...leavesOf(t.data)] }));

  test('every event field whose name looks personal is declared personal or not personal, with why', () => {
    const undeclared = leaves.flatMap(({ type, paths }) =>
      paths
        .filter((p) => looksPersonal(p.split('.').at(-1)!.replace('[]', '')))
        .filter((p) => !(personalFields[type] ?? []).some((f) => f.path === p) && notPersonal[p] === undefined)
        .map((p) => `${type}: ${p}`),
    );
    expect(undeclared).toEqual([]);
  });

  test('every declared path exists in its event’s schema, and every exemption in some schema', () => {
    const missing = Object.entries(personalFields).flatMap(([type, fields]) => {
      const paths = leaves.find((l) => l.type === type)?.paths ?? [];
      return fields.filter((f) => !paths.includes(f.path)).map((f) => `${type}: ${f.path}`);
    });
    expect(missing).toEqual([]);
    const all = new Set(leaves.flatMap((l) => l.paths));
    expect(Object.keys(notPersonal).filter((p) => !all.has(p))).toEqual([]);
  });

  test('a change of any field that looks personal is sealed, both sides, and no other change is', () => {
    const sealedSides = (type: string, field: string) => {
      const data = { customerId: 'c', contactId: 'k', requestId: 'r', changes: [{ field, from: 'a', to: 'b' }] };
      return (personalFields[type] ?? []).flatMap((f) => locate(data, f)).length;
    };
    // An archive field is what the registration holds under `archive.`: the same exemptions apply.
    const personalArchiveField = (field: string) => looksPersonal(field) && notPersonal[`archive.${field}`] === undefined;
    for (const type of ['ArchiveFieldsChanged', 'ChangeRequested']) {
      for (const field of archiveFieldNames) expect([type, field, sealedSides(type, field)]).toEqual([type, field, personalArchiveField(field) ? 2 : 0]);
    }
    const declaredOnContacts = new Set((personalFields.ContactAdded ?? []).map((f) => f.path.replace('contact.', '')));
    for (const field of contactFieldNames) {
      expect([field, sealedSides('ContactChanged', field)]).toEqual([field, declaredOnContacts.has(field) ? 2 : 0]);
      if (looksPersonal(field)) expect(declaredOnContacts).toContain(field);
    }
  });
});
