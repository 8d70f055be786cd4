// DateTime and Date scalars. Output uses the county's offset (set once at start-up) so that
// front-ends show local times without conversion; input must carry an explicit offset.
import { Kind } from 'graphql';
import { formatDateTime } from '../time.js';
import { builder } from './builder.js';
import { badUserInput } from './errors.js';

let displayTimeZone = 'Asia/Shanghai';

/** Sets the zone used to format DateTime output (the county's zone). */
export function setDisplayTimeZone(timeZone: string): void {
  displayTimeZone = timeZone;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when y-m-d is a day of the calendar (no 30 February). */
function realDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * The range any DateTime or Date input must fall in: every value stored from it can be written
 * back out (years 0001–9999 in ISO-8601, which `9999-12-31T23:59:59-14:00` is not once in UTC).
 * Fields narrow it further to what is plausible for them (services).
 */
export const EARLIEST_INPUT = new Date('1900-01-01T00:00:00.000Z');
export const LATEST_INPUT = new Date('2199-12-31T23:59:59.999Z');

function inRange(date: Date, raw: string, scalar: string): Date {
  if (date < EARLIEST_INPUT || date > LATEST_INPUT) throw badUserInput(`${scalar}: '${raw.slice(0, 40)}' lies outside 1900–2199`);
  return date;
}

function parseDateTime(value: unknown): Date {
  const m = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
  if (!m) {
    throw badUserInput(`DateTime: expected ISO-8601 with an offset (2026-01-31T09:00:00+08:00), got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  const [, y, mo, d, h, mi, sec = '0', , , oh = '0', om = '0'] = m;
  const date = new Date(value as string);
  if (
    !realDay(Number(y), Number(mo), Number(d)) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(sec) > 59 ||
    Number(oh) > 14 ||
    Number(om) > 59 ||
    Number.isNaN(date.getTime())
  ) {
    throw badUserInput(`DateTime: '${(value as string).slice(0, 40)}' is not a real time`);
  }
  return inRange(date, value as string, 'DateTime');
}

function parseDate(value: unknown): Date {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  const date = m ? new Date(`${value as string}T00:00:00.000Z`) : null;
  if (!m || !date || !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
    throw badUserInput(`Date: expected YYYY-MM-DD, got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  return inRange(date, value as string, 'Date');
}

builder.scalarType('DateTime', {
  description: '时间 — an instant, ISO-8601 with offset, between 1900 and 2199; output in the county time zone (e.g. 2026-11-28T10:00:00.000+08:00).',
  serialize: (value) => formatDateTime(value instanceof Date ? value : new Date(value as string), displayTimeZone),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badUserInput('DateTime: expected a string');
    return parseDateTime(ast.value);
  },
});

builder.scalarType('Date', {
  description: '日期 — a calendar day, YYYY-MM-DD, between 1900 and 2199.',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString().slice(0, 10),
  parseValue: parseDate,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badUserInput('Date: expected a string');
    return parseDate(ast.value);
  },
});
