// A channel's usage counters (operations run and refused by the rate limit, per hour) on the
// channel client, for the admins and auditors who may see the channel.
import { builder } from '../../graphql/builder.js';
import { badUserInput } from '../../graphql/errors.js';
import { ChannelClientRef } from './channel-client.schema.js';
import { channelUsage, MAX_USAGE_SPAN_DAYS, type UsageReport } from './channel-usage.service.js';

const DAY_MS = 86_400_000;

const ChannelUsageHourRef = builder.objectRef<UsageReport['hours'][number]>('ChannelUsageHour').implement({
  description: '每小时用量 — one hour of a channel\'s usage (hours without any operation are left out).',
  fields: (t) => ({
    hour: t.expose('hour', { type: 'DateTime', description: '小时 — start of the hour.' }),
    operations: t.exposeInt('operations', { description: '操作数 — operations run in that hour (each GraphQL operation once).' }),
    throttled: t.exposeInt('throttled', { description: '被限流数 — operations refused by the rate limit (HTTP 429) in that hour.' }),
  }),
});

const ChannelUsageReportRef = builder.objectRef<UsageReport>('ChannelUsageReport').implement({
  description: '渠道用量 — a channel\'s usage over a span of hours, with totals.',
  fields: (t) => ({
    since: t.expose('since', { type: 'DateTime', description: '起始 — start of the first hour counted.' }),
    until: t.expose('until', { type: 'DateTime', description: '截止 — the end of the span (exclusive).' }),
    operations: t.exposeFloat('operations', { description: '操作总数 — operations run in the span (a whole number; Float because it may exceed 32 bits).' }),
    throttled: t.exposeFloat('throttled', { description: '被限流总数 — operations refused by the rate limit in the span (a whole number).' }),
    hours: t.field({ type: [ChannelUsageHourRef], description: '每小时 — the hours with usage, oldest first.', resolve: (r) => r.hours }),
  }),
});

builder.objectField(ChannelClientRef, 'usage', (t) =>
  t.field({
    type: ChannelUsageReportRef,
    description: `用量 — operations run and refused by the rate limit, per hour (default the last 24 hours; at most ${MAX_USAGE_SPAN_DAYS} days). The last few seconds may not be counted yet.`,
    args: {
      since: t.arg({ type: 'DateTime', description: '起始 — from this moment (rounded down to its hour); default 24 hours before `until`.' }),
      until: t.arg({ type: 'DateTime', description: '截止 — up to this moment (exclusive); default now.' }),
    },
    resolve: (channel, args, ctx) => {
      const until = args.until ?? ctx.now;
      const since = args.since ?? new Date(until.getTime() - DAY_MS);
      if (since >= until) throw badUserInput('usage: `since` must be before `until`');
      if (until.getTime() - since.getTime() > MAX_USAGE_SPAN_DAYS * DAY_MS) throw badUserInput(`usage: at most ${MAX_USAGE_SPAN_DAYS} days at a time`);
      return channelUsage(ctx.db, channel.id, since, until);
    },
  }),
);
