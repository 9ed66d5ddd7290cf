import { z } from 'zod';
import { type MasterKeySource, developmentKeyFile } from './store/pii/masterKey.js';

/**
 * The process environment, validated once at start. A bad value stops the program
 * with a message naming the variable (never echoing it: DATABASE_URL and JWT_SECRET
 * carry secrets).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

const sizeUnits = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;

/** "256kb" → 262144. Sizes as people write them; the body parser wants bytes. */
const ByteSize = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d{1,9}(b|kb|mb)?$/, 'a size such as 256kb, 1mb or 65536 (bytes)')
  .transform((s) => {
    const [, digits = '0', unit = 'b'] = /^(\d+)(b|kb|mb)?$/.exec(s) ?? [];
    return Number(digits) * sizeUnits[unit as keyof typeof sizeUnits];
  })
  .pipe(z.number().int().min(1024, 'at least 1kb').max(64 * 1024 * 1024, 'at most 64mb'));

const timeoutUnits = { ms: 1, s: 1000 } as const;

/** "5s" → 5000, "250ms" or "250" → 250 (milliseconds); 0 turns the limit off. */
const Timeout = (max: number) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^\d{1,9}(ms|s)?$/, 'a duration such as 5s or 500ms (0: no limit)')
    .transform((s) => {
      const [, digits = '0', unit = 'ms'] = /^(\d+)(ms|s)?$/.exec(s) ?? [];
      return Number(digits) * timeoutUnits[unit as keyof typeof timeoutUnits];
    })
    .pipe(z.number().int().max(max, `at most ${max / 1000}s`));

const Flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], 'true or false'))
  .transform((s) => ['true', '1', 'yes', 'on'].includes(s));

const PostgresUrl = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'a postgres:// (or postgresql://) URL with a host');

/** "5s", "500ms", "2m": a time; "100" or "100 events": a count of events. */
const MaxLag = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d{1,9}\s*(ms|s|m|events?)?$/, 'a time such as 5s, 500ms or 2m, or a number of events such as 100')
  .transform((s): { seconds: number } | { events: number } => {
    const [, digits = '0', unit = 'events'] = /^(\d+)\s*(ms|s|m|events?)?$/.exec(s) ?? [];
    const n = Number(digits);
    return unit === 'ms' ? { seconds: n / 1000 } : unit === 's' ? { seconds: n } : unit === 'm' ? { seconds: n * 60 } : { events: n };
  });

/** A port, or "off". */
const OptionalPort = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => s === 'off' || (/^\d{1,5}$/.test(s) && Number(s) <= 65535), 'a port number, or off')
  .transform((s) => (s === 'off' ? null : Number(s)));

const durationUnits: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "24h", "30m", "7d", "90s" or bare seconds → seconds; `undefined` when it is none of those. */
const durationSeconds = (text: string): number | undefined => {
  const match = /^(\d{1,9})\s*(s|m|h|d)?$/i.exec(text.trim());
  return match ? Number(match[1]) * durationUnits[(match[2] ?? 's').toLowerCase()]! : undefined;
};

const Duration = z
  .string()
  .transform((s, ctx) => {
    const seconds = durationSeconds(s);
    if (seconds === undefined) ctx.addIssue({ code: 'custom', message: 'a duration such as 24h, 30m or 3600 (seconds)' });
    return seconds ?? 0;
  })
  .pipe(z.number().int().min(60, 'at least 1m').max(30 * 86_400, 'at most 30d'));

/** "1000" (events) or "15m" (minutes): how often the worker signs a checkpoint. */
const CheckpointEvery = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[1-9]\d{0,8}\s*(m|events?)?$/, 'a number of events such as 1000, or minutes such as 15m')
  .transform((s): { events: number } | { minutes: number } => {
    const [, digits = '0', unit] = /^(\d+)\s*(m|events?)?$/.exec(s) ?? [];
    return unit === 'm' ? { minutes: Number(digits) } : { events: Number(digits) };
  });

/** An issuer: http(s), no query or fragment (discovery appends its path to it). */
const HttpUrl = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.search === '' && url.hash === '';
    } catch {
      return false;
    }
  }, 'an http(s) URL without query or fragment, e.g. https://id.example.com/realms/ledger');

/** A claim's name, or a dotted path into nested claims: `roles`, `realm_access.roles`. */
const ClaimPath = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_:$-]+(\.[A-Za-z0-9_:$-]+)*$/, 'a claim name or a dotted path such as realm_access.roles');

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Unset and empty variables alike take the default (shells often export `X=`). */
const Env = z.object({
  PORT: z.coerce.number('a port number').int('a whole number').min(0).max(65535).default(3000),
  DATABASE_URL: PostgresUrl.optional(),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  // RFC 7518 §3.2: an HS256 key is at least as long as the hash, 256 bits.
  JWT_SECRET: z.string().min(32, 'at least 32 characters (256 bits) for HS256').optional(),
  // The longest token lifetime accepted: a leaked token is good for no longer than this.
  JWT_MAX_TTL: Duration.default(24 * 3600),
  LOG_LEVEL: LogLevel.default('info'),
  BODY_LIMIT: ByteSize.default(256 * 1024),
  // A ledger keeps what it acknowledged: fsync the embedded store's WAL after each commit
  // unless told otherwise (PGLITE_SYNC=false trades that for write speed).
  PGLITE_SYNC: Flag.default(true),
  // Whether `serve` also keeps the read models current. Runners hold one lease per view,
  // so servers and workers can all run them; a deployment may leave it to the workers.
  RUN_PROJECTIONS: Flag.default(true),
  NODE_ENV: z.string().trim().default('development'),
  READY_MAX_LAG: MaxLag.default({ seconds: 5 }),
  // Prometheus scrapes /metrics on a port of its own, kept off the API's (see README).
  METRICS_PORT: OptionalPort.default(9464),
  // Signed checkpoints (see README, "Proving the record to an auditor"): the directory is
  // meant to be on another machine; the key never enters the database.
  CHECKPOINT_DIR: z.string().trim().min(1).optional(),
  CHECKPOINT_KEY_FILE: z.string().trim().min(1).optional(),
  CHECKPOINT_EVERY: CheckpointEvery.optional(),
  // PostgreSQL only: how long a request may wait for a connection, and for one
  // statement, before it is answered 503 instead of hanging while the database is away.
  DB_CONNECT_TIMEOUT: Timeout(600_000).default(5000),
  DB_STATEMENT_TIMEOUT: Timeout(3_600_000).default(30_000),
  // Envelope encryption of personal information (README, "Personal information").
  PII_MASTER_KEY_FILE: z.string().trim().min(1).optional(),
  // Sign-in through the company's OpenID provider (README, "Sign-in").
  OIDC_ISSUER: HttpUrl.optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).max(200).optional(),
  OIDC_AUDIENCE: z.string().trim().min(1).max(500).optional(),
  OIDC_ROLES_CLAIM: ClaimPath.default('roles'),
  OIDC_NAME_CLAIM: ClaimPath.default('name'),
});

export type Config = {
  port: number;
  /** A postgres:// URL selects PostgreSQL; absent, the embedded store in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** HS256 secret; absent in development, a random one is generated per start. */
  jwtSecret: string | undefined;
  /** Tokens whose exp lies further than this past their iat (or now) are refused. */
  jwtMaxTtlSeconds: number;
  logLevel: z.infer<typeof LogLevel>;
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Embedded store only: durable commits (fsync the WAL after each). */
  pgliteSync: boolean;
  /** `serve` runs the projection runners in-process as well. */
  runProjections: boolean;
  /** PostgreSQL: longest wait for a connection (ms; 0 = no limit). */
  dbConnectTimeoutMs: number;
  /** PostgreSQL: longest a statement may run (ms; 0 = no limit). */
  dbStatementTimeoutMs: number;
  production: boolean;
  /** /ready answers 503 when a view is further behind the log than this. */
  readyMaxLag: { seconds: number } | { events: number };
  /** The operations port (/metrics, /health, /ready); null: none. */
  metricsPort: number | null;
  /** Where signed checkpoints are kept (and read by `evidence` and the API's evidence route). */
  checkpointDir?: string | undefined;
  /** PKCS#8 PEM Ed25519 private key that signs checkpoints. */
  checkpointKeyFile?: string | undefined;
  /** The worker signs a checkpoint this often; absent: it signs none. */
  checkpointEvery?: { events: number } | { minutes: number } | undefined;
  /** Where the master key of the personal-data keys comes from; in development a generated file in DATA_DIR. */
  piiMasterKey: MasterKeySource;
  /** The OpenID provider whose access tokens the API accepts beside its HS256 ones; absent: none. */
  oidc?: OidcConfig | undefined;
};

export type OidcConfig = {
  /** Exactly as the provider names itself (`iss`); discovery is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** The console's public client at the provider. */
  clientId: string;
  /** The `aud` an access token for this API carries (the resource it is for). */
  audience: string;
  /** Where the roles are: a claim name or a dotted path (`realm_access.roles`). */
  rolesClaim: string;
  /** The claim holding the user's name; `preferred_username` when it is absent. */
  nameClaim: string;
};

const variables = Object.keys(Env.shape);

/** Reads the environment; throws a ConfigError naming the first variable that is wrong. */
export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const present = Object.fromEntries(
    variables.filter((k) => env[k] !== undefined && env[k]!.trim() !== '').map((k) => [k, env[k]]),
  );
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.JWT_SECRET === undefined) {
    throw new ConfigError('JWT_SECRET', 'required when NODE_ENV=production (development tokens are for development)');
  }
  if (production && e.PII_MASTER_KEY_FILE === undefined) {
    throw new ConfigError('PII_MASTER_KEY_FILE', 'required when NODE_ENV=production (the development key lives beside the data it protects)');
  }
  if ((e.OIDC_CLIENT_ID !== undefined || e.OIDC_AUDIENCE !== undefined) && e.OIDC_ISSUER === undefined) {
    throw new ConfigError('OIDC_ISSUER', 'required with OIDC_CLIENT_ID or OIDC_AUDIENCE (the provider they belong to)');
  }
  if (e.OIDC_ISSUER !== undefined && e.OIDC_CLIENT_ID === undefined) {
    throw new ConfigError('OIDC_CLIENT_ID', 'required with OIDC_ISSUER (the console signs in as that client)');
  }
  return {
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    jwtSecret: e.JWT_SECRET,
    jwtMaxTtlSeconds: e.JWT_MAX_TTL,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    pgliteSync: e.PGLITE_SYNC,
    runProjections: e.RUN_PROJECTIONS,
    dbConnectTimeoutMs: e.DB_CONNECT_TIMEOUT,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT,
    production,
    readyMaxLag: e.READY_MAX_LAG,
    metricsPort: e.METRICS_PORT,
    checkpointDir: e.CHECKPOINT_DIR,
    checkpointKeyFile: e.CHECKPOINT_KEY_FILE,
    checkpointEvery: e.CHECKPOINT_EVERY,
    piiMasterKey: e.PII_MASTER_KEY_FILE
      ? { kind: 'file', path: e.PII_MASTER_KEY_FILE }
      : { kind: 'development', path: developmentKeyFile(e.DATA_DIR) },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            audience: e.OIDC_AUDIENCE ?? e.OIDC_CLIENT_ID,
            rolesClaim: e.OIDC_ROLES_CLAIM,
            nameClaim: e.OIDC_NAME_CLAIM,
          }
        : undefined,
  };
};
