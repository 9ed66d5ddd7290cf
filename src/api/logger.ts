import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Paths that would carry what a log must never hold: the bearer token, request bodies,
 * event data and metadata (invoicing accounts, mobiles, reasons). No code logs them
 * today; the redaction keeps a future `log.info({ body })` from doing it.
 */
const confidentialPaths = [
  'headers.authorization',
  'req.headers.authorization',
  'body',
  'req.body',
  'data',
  'event',
  'events',
  'metadata',
  'params',
];

type LoggedError = { type: string; message: string; code?: string; routine?: string; stack?: string; cause?: LoggedError };

/** A driver error carries a SQLSTATE: five digits or capitals. */
const isDriverError = (e: Error & { code?: unknown }) => typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code);

/**
 * Errors as a log may hold them: kind, message, code and stack frames, nothing else.
 * A driver error's other fields (`params`, `detail`, `where`, `query`) carry the
 * statement's data — on PGlite the whole event batch — and its message may quote a
 * value (`invalid input syntax for type uuid: "…"`): quoted parts are left out.
 */
export const loggedError = (value: unknown, depth = 0): LoggedError | unknown => {
  if (!(value instanceof Error)) return value;
  const e = value as Error & { code?: unknown; routine?: unknown };
  const driver = isDriverError(e);
  const message = driver ? e.message.replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'") : e.message;
  const frames = e.stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  return {
    type: e.name,
    message,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(driver && typeof e.routine === 'string' ? { routine: e.routine } : {}),
    ...(frames ? { stack: frames } : {}),
    ...(e.cause !== undefined && depth < 3 ? { cause: loggedError(e.cause, depth + 1) as LoggedError } : {}),
  };
};

/**
 * JSON lines on stdout (or `destination`): one object per line, ISO time, no secrets
 * and no personal data (see above).
 */
export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'customer-ledger' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: confidentialPaths, censor: '[redacted]' },
      serializers: { err: loggedError, error: loggedError },
    },
    destination,
  );
