import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * JSON lines on stdout (or `destination`): one object per line, ISO time, no secrets
 * (the Authorization header is never logged).
 */
export const createLogger = (level: string, destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      base: { service: 'customer-ledger' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['headers.authorization', 'req.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
