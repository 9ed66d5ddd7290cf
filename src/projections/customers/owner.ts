/**
 * SQL of whose customer it is now (业务员): the salesperson of the archive version
 * effective at `asOf` and known now (the rows not superseded), as the customer's
 * stream folds now. Read scopes follow the current owner, whatever a list's time point.
 */
export const currentOwnerSql = (archive: string, customerId: string, asOf: string): string =>
  `(select o.salesperson_id from ${archive} o
     where o.entity_key = ${customerId} and o.valid_from <= ${asOf}::timestamptz and o.known_to is null
     order by o.valid_from desc limit 1)`;
