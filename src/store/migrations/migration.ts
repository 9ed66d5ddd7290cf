/** A versioned change to the store's schema; `up` gets the quoted schema name. */
export type Migration = { version: number; name: string; up: (schema: string) => string };
