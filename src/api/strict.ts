import { z } from 'zod';

/**
 * Requests are parsed strictly: an unknown field is a 400 naming it, never silently
 * dropped (a misspelt `remraks` would otherwise vanish without a word). Domain
 * schemas are plain `z.object`s, so the route helper passes every request schema
 * through `strictDeep`, which rebuilds each object reachable through the common
 * wrappers with `catchall: never`. Objects already strict, or deliberately loose
 * (`z.looseObject`), are kept as they are; so are intersections (two strict halves
 * would refuse each other's keys).
 *
 * A rebuilt schema keeps its description but not its `id`: the strict copy is a
 * different schema from the (non-strict) one a response may use under that name.
 */
type Def = Record<string, unknown> & { type: string };

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const rebuild = <T extends z.ZodType>(schema: T, def: Def): T => {
  const copy = schema.clone(def as never) as T;
  const meta = z.globalRegistry.get(schema);
  if (meta) {
    const { id: _id, ...rest } = meta;
    z.globalRegistry.add(copy, rest);
  }
  return copy;
};

const mapKey = (def: Def, key: string, schema: z.ZodType | undefined, seen: Map<z.ZodType, z.ZodType>) => {
  if (!schema) return false;
  const next = strictWith(schema, seen);
  if (next === schema) return false;
  def[key] = next;
  return true;
};

const strictWith = (schema: z.ZodType, seen: Map<z.ZodType, z.ZodType>): z.ZodType => {
  const known = seen.get(schema);
  if (known) return known;
  seen.set(schema, schema); // a recursive schema meets itself: leave that edge as it is
  const def: Def = { ...defOf(schema) };
  let changed = false;
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const next = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, strictWith(v, seen)]));
      changed = Object.keys(shape).some((k) => next[k] !== shape[k]);
      if (changed) def.shape = next;
      if (def.catchall === undefined) {
        def.catchall = z.never();
        changed = true;
      }
      break;
    }
    case 'array':
      changed = mapKey(def, 'element', def.element as z.ZodType, seen);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      changed = mapKey(def, 'innerType', def.innerType as z.ZodType, seen);
      break;
    case 'pipe':
      changed = mapKey(def, 'in', def.in as z.ZodType, seen);
      break;
    case 'union': {
      const options = def.options as z.ZodType[];
      const next = options.map((o) => strictWith(o, seen));
      changed = next.some((o, i) => o !== options[i]);
      if (changed) def.options = next;
      break;
    }
    case 'record':
      changed = mapKey(def, 'valueType', def.valueType as z.ZodType, seen);
      break;
    default:
      break;
  }
  const result = changed ? rebuild(schema, def) : schema;
  seen.set(schema, result);
  return result;
};

export const strictDeep = <T extends z.ZodType>(schema: T): T => strictWith(schema, new Map()) as T;
