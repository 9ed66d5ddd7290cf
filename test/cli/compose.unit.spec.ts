import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../../src/config.js';
import { root } from './support/runCli.js';

type Service = {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
};
type Compose = { services: Record<string, Service>; volumes: Record<string, unknown> };

const text = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const compose = parse(text) as Compose;
const { postgres, migrate, api, worker, backup } = compose.services as Record<'postgres' | 'migrate' | 'api' | 'worker' | 'backup', Service>;
const initScript = readFileSync(join(root, 'deploy/postgres/10-app-role.sh'), 'utf8');

/** What `docker compose` does with ${VAR}, ${VAR:-default} and ${VAR:?error} given `env`. */
const interpolate = (value: string, env: Record<string, string>): string =>
  value.replace(/\$\{([A-Z_]+)(?::([?-])([^}]*))?\}/g, (_, name: string, op?: string, arg?: string) => {
    if (env[name] !== undefined && env[name] !== '') return env[name]!;
    if (op === '?') throw new Error(`${name}: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });

const hostEnv = { POSTGRES_PASSWORD: 's3cret', LEDGER_APP_PASSWORD: 'app-s3cret', JWT_SECRET: 'x'.repeat(40) };
const envOf = (s: Service, env: Record<string, string> = hostEnv) => Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]));

const attempt = (env: Record<string, string>) => {
  try {
    return { config: loadConfig(env) };
  } catch (e) {
    if (e instanceof ConfigError) return { error: e.variable };
    throw e;
  }
};

/** The config loader reads `name` if some value of it is refused naming it, or changes what it loads. */
const configReads = (name: string, base: Record<string, string>): boolean => {
  const baseline = JSON.stringify(attempt(Object.fromEntries(Object.entries(base).filter(([k]) => k !== name))));
  return ['!!not-a-value!!', 'production', '/probe/dir', '12345'].some((probe) => {
    const result = attempt({ ...base, [name]: probe });
    return result.error === name || JSON.stringify(result) !== baseline;
  });
};

describe('docker-compose.yml', () => {
  test('runs PostgreSQL with a health check and its data on a named volume', () => {
    expect(postgres.image).toMatch(/^postgres:1[6-9]/);
    expect(postgres.healthcheck?.test.join(' ')).toContain('pg_isready -U ledger -d customer_ledger');
    const volume = postgres.volumes?.[0]?.split(':')[0] ?? '';
    expect(compose.volumes).toHaveProperty(volume);
    expect(postgres.volumes?.[0]).toBe(`${volume}:/var/lib/postgresql/data`);
  });

  test('runs the API from the image, after the database is healthy, on the port it listens on, with a health check of /ready', () => {
    expect(api.build).toBe('.');
    expect(api.command).toEqual(['serve']);
    expect(api.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    const [, container] = interpolate(api.ports![0]!, hostEnv).split(':');
    expect(container).toBe(envOf(api).PORT);
    expect(interpolate(api.ports![0]!, hostEnv)).toBe('3000:3000');
    expect(api.healthcheck?.test.join(' ')).toContain('127.0.0.1:3000/ready');
    expect(api.ports?.some((p) => p.endsWith(`:${envOf(api).METRICS_PORT}`))).toBe(false); // the operations port stays on the compose network
  });

  test('runs the projection worker from the same image, with a health check', () => {
    expect(worker.image).toBe(api.image);
    expect(worker.command).toEqual(['worker']);
    expect(worker.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(worker.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${envOf(worker).METRICS_PORT}/ready`);
  });

  test('migrates as the owner and grants the role that the API and worker run as, which the database creates at its start', () => {
    expect(migrate.command).toEqual(['migrate', '--app-role', 'ledger_app']);
    expect(migrate.depends_on?.postgres?.condition).toBe('service_healthy');
    const url = new URL(loadConfig(envOf(migrate)).databaseUrl!);
    expect([url.username, url.password]).toEqual([postgres.environment!.POSTGRES_USER, hostEnv.POSTGRES_PASSWORD]);
    expect(postgres.volumes).toContain('./deploy/postgres:/docker-entrypoint-initdb.d:ro');
    expect(initScript).toMatch(/create role ledger_app login password/);
  });

  test('gives the worker the checkpoint key read-only and a checkpoint directory the API reads read-only', () => {
    expect(loadConfig(envOf(worker))).toMatchObject({ checkpointDir: '/checkpoints', checkpointKeyFile: '/run/secrets/checkpoint-key.pem', checkpointEvery: { events: 1000 } });
    expect(worker.volumes).toContain('${CHECKPOINT_KEY:-./checkpoint-key.pem}:/run/secrets/checkpoint-key.pem:ro');
    expect(api.volumes).toContain('${CHECKPOINTS_HOST_DIR:-./checkpoints}:/checkpoints:ro');
    expect(loadConfig(envOf(api)).checkpointKeyFile).toBeUndefined(); // the API never holds the key
  });

  test('names only variables the config loader reads, and they make a valid production configuration', () => {
    for (const service of [api, worker, backup]) {
      const env = envOf(service);
      for (const name of Object.keys(env)) expect(configReads(name, env), name).toBe(true);
      expect(configReads('POSTGRES_PASSWORD', env)).toBe(false); // the probe tells a stray name from a read one
      const config = loadConfig(env);
      expect(config.production).toBe(true);
      expect(config.jwtSecret).toBe(hostEnv.JWT_SECRET);
      const url = new URL(config.databaseUrl!);
      expect([url.hostname, url.port, url.pathname]).toEqual(['postgres', '5432', `/${interpolate(String(postgres.environment!.POSTGRES_DB), hostEnv)}`]);
      expect(url.username).toBe('ledger_app');
      expect(url.password).toBe(hostEnv.LEDGER_APP_PASSWORD);
    }
  });

  test('runs the continuous backup: --follow into a mount of another machine, resuming after restarts', () => {
    expect(backup.image).toBe(api.image);
    expect(backup.command?.slice(0, 3)).toEqual(['backup', '--to', '/backups/customer-ledger']);
    expect(backup.command).toContain('--follow');
    expect(backup.command?.[backup.command.indexOf('--max-delay') + 1]).toBe('5s');
    expect(backup.command).not.toContain('--allow-same-disk');
    expect(backup.volumes?.[0]).toMatch(/^\$\{BACKUP_HOST_DIR:\?[^}]+\}:\/backups$/);
    expect(backup.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect((backup as { restart?: string }).restart).toBe('unless-stopped');
  });

  test('refuses to start without the secrets it needs, and documents each of them', () => {
    expect(() => envOf(migrate, { JWT_SECRET: 'x'.repeat(40) })).toThrow(/POSTGRES_PASSWORD/);
    expect(() => envOf(api, { JWT_SECRET: 'x'.repeat(40) })).toThrow(/LEDGER_APP_PASSWORD/);
    expect(() => envOf(api, { LEDGER_APP_PASSWORD: 'pw' })).toThrow(/JWT_SECRET/);
    const required = [...new Set([...text.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]!))];
    const header = text.split('\nname:')[0]!;
    for (const name of required) expect(header).toMatch(new RegExp(`#\\s+${name}\\s`));
    for (const name of Object.keys(envOf(api))) expect(header, name).toContain(name);
  });

  test('builds the image in stages and runs it as the non-root node user', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  test('compiles in the build stage and runs the compiled JavaScript with production dependencies only, with a health check', () => {
    const [build = '', runtime = ''] = dockerfile.split(/^FROM .* AS runtime$/m);
    expect(build).toMatch(/^RUN npm ci\b/m);
    expect(build).toMatch(/^RUN npm run build$/m);
    expect(runtime).toMatch(/^RUN npm ci --omit=dev\b/m);
    expect(runtime).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    expect(runtime).not.toMatch(/src|tsx/);
    expect(runtime).toContain('ENTRYPOINT ["node", "dist/cli/main.js"]');
    expect(runtime).toMatch(/^HEALTHCHECK .*\\\n\s+CMD \[.*\/health/m);
  });
});
