import { textFault } from '../domain/shared/text.js';
import { type FieldError, formatPath } from './errors.js';

/**
 * The one check of "text" for the whole API (domain/shared/text.ts says what it is):
 * every string a request carries — path parameters, query values, every string and
 * every key in the JSON body — before any route's schema sees it. A route therefore
 * cannot forget it, and NUL, unpaired surrogates, control characters and over-long
 * strings never reach a query or the log as data: they are a 400 naming the field.
 */
type At = { key: PropertyKey; up: At } | null;

const pathOf = (at: At): PropertyKey[] => {
  const keys: PropertyKey[] = [];
  for (let a = at; a !== null; a = a.up) keys.unshift(a.key);
  return keys;
};

// A loop over a stack, not recursion: a body may nest thousands of levels deep.
const faultsIn = (root: unknown, prefix: string, out: FieldError[]): void => {
  const pending: { value: unknown; at: At }[] = [{ value: root, at: null }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, at } = next;
    if (typeof value === 'string') {
      const fault = textFault(value);
      if (fault) out.push({ path: formatPath(prefix, pathOf(at)), message: fault });
    } else if (Array.isArray(value)) {
      value.forEach((v: unknown, i) => pending.push({ value: v, at: { key: i, up: at } }));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, v] of Object.entries(value)) {
        const keyFault = textFault(key);
        // The object holding a bad key is named, not the key: echoing it would carry the fault along.
        if (keyFault) out.push({ path: formatPath(prefix, pathOf(at)), message: `a field name here: ${keyFault}` });
        else pending.push({ value: v, at: { key, up: at } });
      }
    }
  }
};

/** Every string of a request that is not acceptable text, with its path. */
export const textFaults = (parts: { params: unknown; query: unknown; body: unknown }): FieldError[] => {
  const out: FieldError[] = [];
  faultsIn(parts.params, 'params', out);
  faultsIn(parts.query, 'query', out);
  faultsIn(parts.body, 'body', out);
  return out;
};
