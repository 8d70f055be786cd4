// The deployment files (Dockerfile, .dockerignore, compose.yaml, deploy/*.service): no Docker
// engine or systemd instance runs here, so they are checked as files — by linters (dockerfile-utils,
// dclint), against the Compose Specification's JSON schema, by `systemd-analyze verify`, and for
// the facts a deploy depends on.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv } from 'ajv';
import { validate as lintDockerfile, ValidationSeverity } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const require = createRequire(import.meta.url);

/** The default pre-stop delay in production (src/config.ts): a stop must allow it plus the drain. */
const SHUTDOWN_DELAY_S = 5;

/** Each `node … dist/<entry>.js` must be an entry that `npm run build` compiles from src/. */
function expectCompiledEntry(command: string, entry: string): void {
  expect(command).toMatch(new RegExp(`^(\\S*/)?node( --\\S+)* dist/${entry}\\.js$`));
  expect(existsSync(path.join(ROOT, `src/${entry}.ts`))).toBe(true);
}

function seconds(duration: string): number {
  const m = /^(\d+)(ms|s|m)?$/.exec(duration.trim());
  if (!m) throw new Error(`seconds: cannot read '${duration}'`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n / 1000 : m[2] === 'm' ? n * 60 : n;
}

// ---------------------------------------------------------------------------------------------
// Dockerfile

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions per stage (continuations joined, comments dropped). */
function dockerfileStages(text: string): { name: string | undefined; from: string; instructions: Instruction[] }[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: { name: string | undefined; from: string; instructions: Instruction[] }[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (keyword.toUpperCase() === 'FROM') {
      const [from = '', , name] = args.split(/\s+/);
      stages.push({ name, from, instructions: [] });
    } else if (stages.length > 0) {
      stages.at(-1)!.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const execForm = (args: string): string[] => JSON.parse(args) as string[];

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const stages = dockerfileStages(text);
  const final = stages.at(-1)!;
  const finalOf = (keyword: string) => final.instructions.filter((i) => i.keyword === keyword);

  it('passes the dockerfile-utils linter with every check an error', () => {
    const strict = {
      deprecatedMaintainer: ValidationSeverity.ERROR,
      directiveCasing: ValidationSeverity.ERROR,
      emptyContinuationLine: ValidationSeverity.ERROR,
      instructionCasing: ValidationSeverity.ERROR,
      instructionCmdMultiple: ValidationSeverity.ERROR,
      instructionEntrypointMultiple: ValidationSeverity.ERROR,
      instructionHealthcheckMultiple: ValidationSeverity.ERROR,
      instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
      instructionWorkdirRelative: ValidationSeverity.ERROR,
    };
    expect(lintDockerfile(text, strict).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    // The linter does catch a broken file.
    expect(lintDockerfile('FROM node:24\nRUN\nHEALTHCHECK CMD\n', strict).length).toBeGreaterThan(0);
  });

  it('builds with the dev dependencies and runs on the runtime dependencies alone', () => {
    const runs = (stage: (typeof stages)[number]) => stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args).join(' && ');
    const build = stages.find((s) => /npm run build/.test(runs(s)));
    expect(build, 'a stage runs npm run build').toBeDefined();
    expect(runs(build!)).toMatch(/npm ci(?! --omit)/);
    const deps = stages.find((s) => /npm ci --omit=dev/.test(runs(s)));
    expect(deps, 'a stage runs npm ci --omit=dev').toBeDefined();
    const copies = finalOf('COPY').map((c) => c.args);
    expect(copies).toContain(`--from=${deps!.name} /app/node_modules ./node_modules`);
    expect(copies).toContain(`--from=${build!.name} /app/dist ./dist`);
    // What README › Production says the run time reads besides dist/ and node_modules/.
    for (const needed of ['package.json', 'prisma', 'playground', 'examples']) {
      expect(copies.some((c) => c.split(/\s+/)[0] === needed), `final stage copies ${needed}`).toBe(true);
    }
    // Prisma writes `.ts` import paths when it generates the client without tsconfig.json: the
    // compiled dist/ would then fail to load. The file must be in place before the postinstall.
    const instructions = build!.instructions;
    const generate = instructions.findIndex((i) => i.keyword === 'RUN' && /npm (run postinstall|ci(?!.*--ignore-scripts))/.test(i.args));
    const tsconfig = instructions.findIndex((i) => i.keyword === 'COPY' && /\btsconfig\.json\b/.test(i.args));
    expect(generate).toBeGreaterThan(-1);
    expect(tsconfig).toBeGreaterThan(-1);
    expect(tsconfig).toBeLessThan(generate);
  });

  it('runs node dist/server.js in production as a user other than root, with a health check on /readyz', () => {
    const env = finalOf('ENV').map((e) => e.args).join(' ');
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    const users = finalOf('USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)!.args).not.toMatch(/^(root|0)(:|$)/);

    const cmd = finalOf('CMD');
    expect(cmd).toHaveLength(1);
    expectCompiledEntry(execForm(cmd[0]!.args).join(' '), 'server');
    expect(finalOf('ENTRYPOINT')).toHaveLength(0);

    const health = finalOf('HEALTHCHECK');
    expect(health).toHaveLength(1);
    const [, options = '', probe = ''] = /^(.*?)CMD\s+(.*)$/.exec(health[0]!.args)!;
    expect(options).toMatch(/--start-period=\d+s/);
    const argv = execForm(probe);
    expect(argv.slice(0, 2)).toEqual(['node', '-e']);
    expect(argv[2]).toMatch(/\/readyz/);
  });

  it('keeps secrets, local state and build output out of the build context, and nothing it copies', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const pattern of ['**/node_modules', 'dist', 'data', '.env', 'src/generated', '.git']) expect(ignored).toContain(pattern);
    const sources = stages
      .flatMap((s) => s.instructions)
      .filter((i) => i.keyword === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(path.join(ROOT, source)), `${source} exists`).toBe(true);
      const hit = ignored.find((p) => !p.includes('*') && (source === p || source.startsWith(`${p}/`)));
      expect(hit, `${source} is not excluded by .dockerignore`).toBeUndefined();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// compose.yaml

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  restart?: string;
  stop_grace_period?: string;
  healthcheck?: { disable?: boolean; test?: string[] };
  [key: string]: unknown;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

function composeSchemaValidator() {
  const schemaFile = path.join(path.dirname(require.resolve('dclint/package.json')), 'schemas/compose.schema.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  expect(schema.title).toBe('Compose Specification');
  // Draft 07, which Ajv's default class implements; its meta-schema URL is spelt differently.
  const { $schema, ...rest } = schema;
  expect($schema).toMatch(/draft-07/);
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return ajv.compile(rest);
}

describe('compose.yaml', () => {
  const text = read('compose.yaml');
  // Merge keys (<<) as Compose reads them.
  const compose = parseYaml(text, { merge: true }) as ComposeFile;
  const services = compose.services;
  const commandOf = (s: ComposeService) => (Array.isArray(s.command) ? s.command.join(' ') : s.command);
  const dependsOn = (s: ComposeService, name: string) => (Array.isArray(s.depends_on) ? undefined : s.depends_on?.[name]?.condition);
  const apis = Object.entries(services).filter(([, s]) => s.build !== undefined && s.command === undefined);
  const appServices = Object.entries(services).filter(([, s]) => s.build !== undefined);

  it('is valid against the Compose Specification schema, which refuses a broken file', () => {
    const validate = composeSchemaValidator();
    expect(validate(compose), JSON.stringify(validate.errors, null, 2)).toBe(true);

    const typo = structuredClone(compose);
    (typo.services['api-1'] as Record<string, unknown>).restat = 'always';
    expect(validate(typo)).toBe(false);
    const badCondition = structuredClone(compose);
    (badCondition.services.worker!.depends_on as Record<string, { condition: string }>).migrate!.condition = 'service_completed';
    expect(validate(badCondition)).toBe(false);
    const misspelt = parseYaml(text.replace(/^volumes:/m, 'volume:'), { merge: true }) as ComposeFile;
    expect(validate(misspelt)).toBe(false);
  });

  it('passes dclint (docker-compose-linter) with no error or warning', () => {
    const cli = path.join(path.dirname(require.resolve('dclint/package.json')), 'bin/dclint.cjs');
    const result = spawnSync(process.execPath, [cli, 'compose.yaml', '--color=false', '--max-warnings=0'], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('runs PostgreSQL 15 or later and Redis', () => {
    const postgres = Object.values(services).find((s) => /^postgres:/.test(s.image ?? ''));
    expect(postgres).toBeDefined();
    expect(Number(/^postgres:(\d+)/.exec(postgres!.image!)?.[1])).toBeGreaterThanOrEqual(15);
    expect(postgres!.healthcheck?.test?.join(' ')).toMatch(/pg_isready/);
    expect(Object.values(services).some((s) => /^redis:/.test(s.image ?? ''))).toBe(true);
  });

  it('runs the migrations once, before two API instances and a worker that share the database and the JWT key', () => {
    const migrate = Object.entries(services).find(([, s]) => /dist\/db-deploy\.js/.test(commandOf(s) ?? ''));
    expect(migrate, 'a service runs dist/db-deploy.js').toBeDefined();
    const [migrateName, migrateService] = migrate!;
    expectCompiledEntry(commandOf(migrateService)!, 'db-deploy');
    expect(migrateService.restart).toBe('no');
    expect(dependsOn(migrateService, 'postgres')).toBe('service_healthy');

    expect(apis.map(([name]) => name)).toHaveLength(2);
    const workers = appServices.filter(([, s]) => /dist\/worker\.js/.test(commandOf(s) ?? ''));
    expect(workers).toHaveLength(1);
    expectCompiledEntry(commandOf(workers[0]![1])!, 'worker');

    for (const [name, s] of [...apis, ...workers]) {
      expect(dependsOn(s, migrateName), `${name} waits for ${migrateName}`).toBe('service_completed_successfully');
      expect(s.environment?.NODE_ENV).toBe('production');
      expect(seconds(s.stop_grace_period ?? '10s'), `${name}: stop grace > SHUTDOWN_DELAY_MS + drain`).toBeGreaterThan(SHUTDOWN_DELAY_S + 10);
    }
    for (const [, s] of apis) expect(s.environment?.RUN_JOBS).toBe('false');
    expect(workers[0]![1].environment?.RUN_JOBS).not.toBe('false');
    const shared = new Set(appServices.map(([, s]) => `${s.environment?.JWT_SECRET} ${s.environment?.DATABASE_URL}`));
    expect(shared.size).toBe(1);
    expect(appServices.every(([, s]) => s.environment?.JWT_SECRET && s.environment.DATABASE_URL)).toBe(true);
    // The worker and the migration step have no HTTP server to probe.
    expect(services[migrateName]!.healthcheck?.disable).toBe(true);
    expect(workers[0]![1].healthcheck?.disable).toBe(true);
  });

  it('hard-codes no secret: each comes from .env, and .env.example holds only marked example values', () => {
    const example = Object.fromEntries(
      read('.env.example')
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const secretName = /SECRET|PASSWORD|TOKEN|_KEY$/;
    for (const [name, s] of Object.entries(services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (secretName.test(key)) expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z_]+:\?[^}]+\}$/);
        if (key === 'DATABASE_URL') expect(value).toMatch(/^postgresql:\/\/\w+:\$\{[A-Z_]+:\?[^}]+\}@/);
      }
    }
    // Every variable compose requires (${VAR:?…}) is in .env.example, with a value marked as an example.
    const required = [...new Set([...text.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]!))];
    expect(required.sort()).toEqual(['JWT_SECRET', 'POSTGRES_PASSWORD']);
    for (const name of required) expect(example[name], `.env.example: ${name}`).toMatch(/example/);
    expect(Buffer.byteLength(example.JWT_SECRET!)).toBeGreaterThanOrEqual(32);
    expect(read('.gitignore').split('\n')).toContain('.env');
  });

  it('puts the APIs behind a proxy that balances both and takes out an instance whose /readyz fails', () => {
    const proxy = Object.values(services).find((s) => /^caddy:/.test(s.image ?? ''));
    expect(proxy).toBeDefined();
    const caddyfile = read('deploy/Caddyfile');
    expect(caddyfile).toMatch(/health_uri \/readyz/);
    for (const [name] of apis) expect(caddyfile).toContain(`${name}:4000`);
    for (const [, s] of apis) expect(s.environment?.TRUSTED_PROXIES).toBe('1');
  });
});

// ---------------------------------------------------------------------------------------------
// systemd units

function unitSettings(text: string): Map<string, string[]> {
  const settings = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) settings.set(m[1]!, [...(settings.get(m[1]!) ?? []), m[2]!]);
  }
  return settings;
}

const systemdAnalyze = spawnSync('systemd-analyze', ['--version']).status === 0;

describe.each([
  ['deploy/gongkai.service', 'server'],
  ['deploy/gongkai-worker.service', 'worker'],
])('%s', (file, entry) => {
  const text = read(file);
  const unit = unitSettings(text);
  const one = (key: string) => unit.get(key)?.at(-1);

  it(`runs the compiled dist/${entry}.js with its settings from an EnvironmentFile`, () => {
    expectCompiledEntry(one('ExecStart')!, entry);
    expect(one('ExecStart')).not.toMatch(/tsx|npm/);
    expect(one('WorkingDirectory')).toMatch(/^\//);
    expect(one('EnvironmentFile')).toMatch(/^-?\/etc\/gongkai\/.+\.env$/);
    expect(unit.get('Environment')).toContain('NODE_ENV=production');
    // The example environment file: secrets only as marked example values.
    const example = read('deploy/gongkai.env.example');
    expect(example).toMatch(/^JWT_SECRET=example/m);
    expect(example).toMatch(/^DATABASE_URL=postgresql:\/\/\w+:example[^@]*@/m);
  });

  it('stops gracefully and restarts on failure', () => {
    expect(one('Restart')).toBe('on-failure');
    expect(one('KillSignal')).toBe('SIGTERM');
    expect(seconds(one('TimeoutStopSec')!)).toBeGreaterThan(SHUTDOWN_DELAY_S + 10);
  });

  it('is hardened: its own user, a read-only system and only its state folder writable', () => {
    expect(one('DynamicUser') === 'yes' || (one('User') !== undefined && one('User') !== 'root')).toBe(true);
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('CapabilityBoundingSet')).toBe('');
    if (entry === 'server') {
      const dataDir = unit.get('Environment')!.find((e) => e.startsWith('DATA_DIR='))!.slice('DATA_DIR='.length);
      expect(one('ReadWritePaths')?.split(/\s+/)).toContain(dataDir);
      expect(dataDir).toBe(`/var/lib/${one('StateDirectory')}`);
    }
    // WARNING: the body renderer lowers its thread's priority (setpriority, in @resources); a
    // filter denying it would kill the process (or, with EPERM, keep the renderer at full priority).
    for (const filter of unit.get('SystemCallFilter') ?? []) expect(filter).not.toMatch(/^~.*@resources/);
    expect(one('MemoryDenyWriteExecute')).not.toBe('yes'); // V8's JIT
  });

  it.skipIf(!systemdAnalyze)('passes `systemd-analyze verify` and scores as well hardened', () => {
    const verify = spawnSync('systemd-analyze', ['verify', path.join(ROOT, file)], { encoding: 'utf8' });
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stderr.trim()).toBe('');
    const security = execFileSync('systemd-analyze', ['security', '--offline=yes', path.join(ROOT, file)], { encoding: 'utf8' });
    const exposure = Number(/Overall exposure level for .*: ([\d.]+)/.exec(security)?.[1]);
    expect(exposure).toBeLessThanOrEqual(2);
  });
});
