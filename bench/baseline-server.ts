// The bench's baseline: what the read path costs when written by hand — node:http and pg, one
// SQL statement per request, and the very JSON bytes the GraphQL server answers (the bench
// checks they are equal before measuring). Run as its own process by bench/run.ts:
//   BASELINE_DATABASE_URL=… PORT=… node --import tsx bench/baseline-server.ts
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.BASELINE_DATABASE_URL, max: 10 });
pool.on('error', () => {});

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
/** The county's time (Asia/Shanghai, UTC+8 all year), as the API formats DateTime values. */
const dateTime = (d: Date) => `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 23)}+08:00`;
const cursor = (d: Date, id: string) => Buffer.from(JSON.stringify(['publishedAt:desc,id:desc', d.toISOString(), id]), 'utf8').toString('base64url');

const PUBLIC = `r.status IN ('PUBLISHED', 'REPEALED') AND r."publishedAt" <= now()`;

interface Variables {
  first?: number;
  after?: string;
  domain?: string;
  id?: string;
}

async function list(v: Variables): Promise<string> {
  const first = v.first ?? 20;
  const params: unknown[] = [first + 1];
  let where = PUBLIC;
  if (v.domain) {
    params.push(v.domain);
    where += ` AND d.code = $${params.length}`;
  }
  if (v.after) {
    const [, at, id] = JSON.parse(Buffer.from(v.after, 'base64url').toString('utf8')) as [string, string, string];
    params.push(at, id);
    where += ` AND (r."publishedAt", r.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  const countWhere = v.domain ? `${PUBLIC} AND d.code = $2` : PUBLIC;
  const { rows } = await pool.query<{ id: string; indexNo: string; title: string; publishedAt: Date; publisher: string; matter: string; domain: string; total: number }>(
    `SELECT r.id, r."indexNo", r.title, r."publishedAt", p.name AS publisher, m.name AS matter, d.name AS domain,
       (SELECT count(*)::int FROM "Release" r JOIN "Matter" m ON m.id = r."matterId" JOIN "Domain" d ON d.id = m."domainId" WHERE ${countWhere}) AS total
     FROM "Release" r
     JOIN "OrgUnit" p ON p.id = r."publisherId" JOIN "Matter" m ON m.id = r."matterId" JOIN "Domain" d ON d.id = m."domainId"
     WHERE ${where}
     ORDER BY r."publishedAt" DESC, r.id DESC LIMIT $1`,
    params,
  );
  const page = rows.slice(0, first);
  const last = page[page.length - 1];
  return JSON.stringify({
    data: {
      releases: {
        totalCount: rows[0]?.total ?? 0,
        pageInfo: { hasNextPage: rows.length > first, endCursor: last ? cursor(last.publishedAt, last.id) : null },
        edges: page.map((r) => ({
          node: {
            id: gid('Release', r.id),
            indexNo: r.indexNo,
            title: r.title,
            publishedAt: dateTime(r.publishedAt),
            publisher: { name: r.publisher },
            matter: { name: r.matter, domain: { name: r.domain } },
          },
        })),
      },
    },
  });
}

async function listWithStandards(v: Variables): Promise<string> {
  const { rows } = await pool.query<{
    id: string; indexNo: string; title: string; docNo: string | null; publishedAt: Date; summary: string; publisher: string; matter: string; domain: string;
    responsibleText: string | null; timeLimitText: string | null; requiredChannels: string[] | null; total: number;
  }>(
    `SELECT r.id, r."indexNo", r.title, r."docNo", r."publishedAt", r.summary, p.name AS publisher, m.name AS matter, d.name AS domain,
       s."responsibleText", s."timeLimitText", array_to_json(s."requiredChannels") AS "requiredChannels",
       (SELECT count(*)::int FROM "Release" r WHERE ${PUBLIC}) AS total
     FROM "Release" r
     JOIN "OrgUnit" p ON p.id = r."publisherId" JOIN "Matter" m ON m.id = r."matterId" JOIN "Domain" d ON d.id = m."domainId"
     LEFT JOIN LATERAL (SELECT s.* FROM "Standard" s JOIN "CatalogVersion" v ON v.id = s."catalogVersionId"
                        WHERE s."matterId" = m.id AND v.status = 'ACTIVE' LIMIT 1) s ON true
     WHERE ${PUBLIC}
     ORDER BY r."publishedAt" DESC, r.id DESC LIMIT $1`,
    [v.first ?? 20],
  );
  return JSON.stringify({
    data: {
      releases: {
        totalCount: rows[0]?.total ?? 0,
        edges: rows.map((r) => ({
          node: {
            id: gid('Release', r.id),
            indexNo: r.indexNo,
            title: r.title,
            docNo: r.docNo,
            publishedAt: dateTime(r.publishedAt),
            summary: r.summary,
            publisher: { name: r.publisher },
            matter: {
              name: r.matter,
              domain: { name: r.domain },
              standard: r.responsibleText === null ? null : { responsibleText: r.responsibleText, timeLimit: { text: r.timeLimitText }, requiredChannels: r.requiredChannels },
            },
          },
        })),
      },
    },
  });
}

async function node(v: Variables): Promise<string> {
  const id = Buffer.from(v.id ?? '', 'base64url').toString('utf8').split(':')[1];
  const { rows } = await pool.query<{ id: string; title: string; indexNo: string; publishedAt: Date; bodyHtml: string; publisher: string }>(
    `SELECT r.id, r.title, r."indexNo", r."publishedAt", r."bodyHtml", p.name AS publisher
     FROM "Release" r JOIN "OrgUnit" p ON p.id = r."publisherId"
     WHERE r.id = $1 AND r.status IN ('PUBLISHED', 'WITHDRAWN', 'REPEALED') AND r."publishedAt" <= now()`,
    [id],
  );
  const r = rows[0];
  return JSON.stringify({
    data: { node: r ? { id: gid('Release', r.id), title: r.title, indexNo: r.indexNo, publishedAt: dateTime(r.publishedAt), bodyHtml: r.bodyHtml, publisher: { name: r.publisher } } : null },
  });
}

const ROUTES: Record<string, (v: Variables) => Promise<string>> = {
  '/list': list,
  '/list-with-standards': listWithStandards,
  '/node': node,
  '/typename': async () => '{"data":{"__typename":"Query"}}',
};

http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const route = ROUTES[req.url ?? ''];
      if (req.url === '/readyz') {
        res.writeHead(200).end('ok');
        return;
      }
      if (!route) {
        res.writeHead(404).end();
        return;
      }
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables?: Variables }) : {};
      route(body.variables ?? {}).then(
        // Apollo ends every JSON answer with a newline; so does this one, for equal bytes.
        (answer) => answer + '\n',
      ).then(
        (json) => res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) }).end(json),
        (error: Error) => res.writeHead(500).end(error.message),
      );
    });
  })
  .listen(Number(process.env.PORT), '127.0.0.1');
