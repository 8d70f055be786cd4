// 年报 downloads over HTTP: GET /reports/annual/<year>.xlsx|.csv|.html?orgUnit=<机构代码>, for staff
// with `Authorization: Bearer <access token>` — the same authenticator as /graphql, so a token
// refused there is refused here. 401 without a staff token (anonymous callers and channel keys
// alike), 404 for a unit that is unknown or out of the caller's scope (the two answer the same),
// and never cached anywhere (`private, no-store`): the numbers are staff-only until published.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import type { Authenticator } from '../auth/authenticate.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { isConnectionError } from '../db/connection-errors.js';
import { ErrorCode, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_MESSAGE } from '../graphql/errors.js';
import { reportableUnit } from '../modules/reports/annual-report.permissions.js';
import { buildAnnualReport, FIRST_REPORT_YEAR, isReportYear, LAST_REPORT_YEAR } from '../modules/reports/annual-report.service.js';
import { annualReportCsv, annualReportHtml } from '../modules/reports/annual-report.text.js';
import { annualReportXlsx } from '../modules/reports/annual-report.xlsx.js';
import { HttpError } from './body.js';
import { contentDisposition, PRIVATE_NO_STORE } from './http-cache.js';

export interface ReportRoutesDependencies {
  config: Pick<Config, 'timeZone'>;
  db: Pick<Database, 'prisma'>;
  authenticate: Authenticator;
}

const ROUTE = /^\/reports\/annual\/(\d{4})\.(xlsx|csv|html)$/;

const FORMATS = {
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', disposition: 'attachment' },
  csv: { contentType: 'text/csv; charset=utf-8', disposition: 'attachment' },
  html: { contentType: 'text/html; charset=utf-8', disposition: 'inline' },
} as const;
type Format = keyof typeof FORMATS;

const UNAUTHENTICATED = () =>
  new HttpError(401, '年报下载需要登录 — the report needs the header Authorization: Bearer <access token> of a staff user.', ErrorCode.UNAUTHENTICATED, {
    'www-authenticate': 'Bearer realm="gongkai"',
  });

export function createReportRoutes({ config, db, authenticate }: ReportRoutesDependencies) {
  async function render(format: Format, ...args: Parameters<typeof annualReportCsv>): Promise<Buffer> {
    if (format === 'xlsx') return annualReportXlsx(...args);
    return Buffer.from(format === 'csv' ? annualReportCsv(...args) : annualReportHtml(...args), 'utf8');
  }

  async function serve(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string, clientAddress: string): Promise<void> {
    const match = ROUTE.exec(url.pathname)!;
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'Only GET and HEAD.', 'METHOD_NOT_ALLOWED', { allow: 'GET, HEAD' });
    const year = Number(match[1]);
    const format = match[2] as Format;
    if (!isReportYear(year)) throw new HttpError(400, `year must be between ${FIRST_REPORT_YEAR} and ${LAST_REPORT_YEAR}`, ErrorCode.BAD_USER_INPUT);
    const code = url.searchParams.get('orgUnit');
    if (!code) throw new HttpError(400, 'orgUnit=<机构代码> is required.', ErrorCode.BAD_USER_INPUT);
    const now = new Date();
    try {
      const viewer = await authenticate(req.headers, now, { clientAddress, requestId }).catch((error: unknown) => {
        if (error instanceof GraphQLError) throw UNAUTHENTICATED();
        throw error;
      });
      if (viewer.kind !== 'user') throw UNAUTHENTICATED();
      const unit = await reportableUnit(db.prisma, viewer, { code });
      if (!unit) throw new HttpError(404, `找不到机构 — no org unit '${code}' in your scope.`, 'NOT_FOUND');
      const report = await buildAnnualReport(db.prisma, unit, year, config.timeZone, now);
      const body = await render(format, report, config.timeZone);
      const { contentType, disposition } = FORMATS[format];
      res.writeHead(200, {
        'content-type': contentType,
        'content-length': body.length,
        'content-disposition': contentDisposition(disposition, `${year}年政府信息公开工作年度报告-${unit.name}.${format}`, `annual-report-${year}-${unit.code}.${format}`),
        'cache-control': PRIVATE_NO_STORE,
        'x-content-type-options': 'nosniff',
        // The page has no scripts; this keeps it that way even if a label ever slipped through.
        ...(format === 'html' ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" } : {}),
        'x-request-id': requestId,
      });
      res.end(method === 'HEAD' ? undefined : body);
    } catch (error) {
      if (isConnectionError(error)) throw new HttpError(503, SERVICE_UNAVAILABLE_MESSAGE, ErrorCode.SERVICE_UNAVAILABLE, { 'retry-after': String(RETRY_AFTER_SECONDS) });
      if (error instanceof HttpError) error.headers['cache-control'] ??= PRIVATE_NO_STORE;
      throw error;
    }
  }

  return {
    /** Whether the path is a report download. */
    handles: (pathname: string) => ROUTE.test(pathname),
    serve,
  };
}
