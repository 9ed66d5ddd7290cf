import type { DomainEvent } from '../domain/shared/index.js';

/**
 * A context's typed read of stored events: narrows each to the context's event union by
 * its `type`. The store validated the data against that type on append and upcasts it on
 * read, so the type name is the one check left; a type outside the list on a stream of
 * the context is a store bug, thrown rather than folded as something it is not.
 */
export const narrowEvents = <Ev extends DomainEvent>(context: string, types: readonly Ev['type'][]) => {
  const known = new Set<string>(types);
  return (event: DomainEvent): Ev => {
    if (!known.has(event.type)) throw new Error(`${context}: ${event.type} is not one of its events`);
    // The only cast of a stored event: the check above is what makes it true.
    return { type: event.type, data: event.data } as Ev;
  };
};
