import { textFault } from '../domain/shared/text.js';
import { type FieldError, formatPath } from './errors.js';

/**
 * The one check of "text" for the whole API (domain/shared/text.ts says what it is):
 * every string a request carries — path parameters, query values, every string and
 * every key in the JSON body — before any route's schema sees it. A route therefore
 * cannot forget it, and NUL, unpaired surrogates, control characters and over-long
 * strings never reach a query or the log as data: they are a 400 naming the field.
 */
const faultsIn = (value: unknown, at: readonly PropertyKey[], prefix: string, out: FieldError[]): void => {
  if (typeof value === 'string') {
    const fault = textFault(value);
    if (fault) out.push({ path: formatPath(prefix, at), message: fault });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => faultsIn(v, [...at, i], prefix, out));
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      const keyFault = textFault(key);
      // The object holding a bad key is named, not the key: echoing it would carry the fault along.
      if (keyFault) out.push({ path: formatPath(prefix, at), message: `a field name here: ${keyFault}` });
      else faultsIn(v, [...at, key], prefix, out);
    }
  }
};

/** Every string of a request that is not acceptable text, with its path. */
export const textFaults = (parts: { params: unknown; query: unknown; body: unknown }): FieldError[] => {
  const out: FieldError[] = [];
  faultsIn(parts.params, [], 'params', out);
  faultsIn(parts.query, [], 'query', out);
  faultsIn(parts.body, [], 'body', out);
  return out;
};
