// Where the money went: generations (one row per request) read from /api/v1/generations, page by
// page, and bucketed for the charts. When a server has no generations log, /api/v1/activity (daily,
// per model) still gives the charts by model.
import { get } from './api.js';
import { toNanos, fromNanos } from './format.js';

export const PERIODS = {
  '1d': { label: 'Last day', days: 1, bucketHours: 1 },
  '7d': { label: 'Last 7 days', days: 7, bucketHours: 24 },
  '30d': { label: 'Last 30 days', days: 30, bucketHours: 24 },
};

const PAGE = 100;
const MAX_ROWS = 5000;

/** The key a generation was made with, by name where the log carries it; a session's chat has none. */
export function keyLabel(row) {
  const name = row.api_key_name ?? row.key_name ?? row.api_key_label ?? row.key_label;
  if (name) return name;
  const hash = row.api_key_hash ?? row.key_hash;
  if (hash) return hash.slice(0, 10) + '…';
  return 'api_key_hash' in row || 'key_hash' in row ? 'Browser chat' : 'Unknown key';
}

export function costOf(row) {
  return row.total_cost ?? row.usage ?? row.cost ?? 0;
}

/** Every generation from `from` on (newest first), following next_cursor. */
export async function loadGenerations({ from, to, key, model, signal } = {}) {
  const rows = [];
  let cursor = null;
  do {
    const params = new URLSearchParams({ limit: String(PAGE) });
    if (cursor) params.set('cursor', cursor);
    if (from) params.set('from', from.toISOString());
    if (to) params.set('to', to.toISOString());
    if (key) params.set('key', key);
    if (model) params.set('model', model);
    const page = await get('/api/v1/generations?' + params, { signal });
    rows.push(...(page.data ?? []));
    cursor = page.next_cursor ?? null;
  } while (cursor && rows.length < MAX_ROWS);
  return { rows, truncated: Boolean(cursor) };
}

function bucketStart(date, hours) {
  const d = new Date(date);
  if (hours >= 24) d.setHours(0, 0, 0, 0);
  else d.setMinutes(0, 0, 0);
  return d.getTime();
}

function bucketLabel(time, hours) {
  const d = new Date(time);
  return hours >= 24 ? d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' }) : `${String(d.getHours()).padStart(2, '0')}:00`;
}

/** Empty buckets for the whole period, oldest first, so gaps show as gaps. */
function emptyBuckets(period, now) {
  const { days, bucketHours } = PERIODS[period];
  const step = bucketHours * 3600e3;
  const count = (days * 24) / bucketHours;
  const last = bucketStart(now, bucketHours);
  const buckets = [];
  for (let i = count - 1; i >= 0; i--) {
    const t = bucketHours >= 24 ? new Date(new Date(last).setDate(new Date(last).getDate() - i)).getTime() : last - i * step;
    buckets.push({ time: t, label: bucketLabel(t, bucketHours), spend: {}, tokens: {}, requests: {} });
  }
  return buckets;
}

function add(map, name, value) {
  map[name] = (map[name] || 0) + value;
}

/**
 * Bucketed series from generation rows. Spend per bucket is summed in nanos (exact) then turned into
 * a number for drawing; the headline total is the exact decimal string.
 */
export function summarise(rows, period, groupBy, now = new Date()) {
  const buckets = emptyBuckets(period, now);
  const hours = PERIODS[period].bucketHours;
  const index = new Map(buckets.map((b, i) => [b.time, i]));
  const series = new Set();
  let totalNanos = 0n;
  let tokens = 0;
  for (const row of rows) {
    const i = index.get(bucketStart(row.created_at, hours));
    if (i === undefined) continue;
    const name = groupBy === 'key' ? keyLabel(row) : row.model;
    series.add(name);
    const nanos = toNanos(costOf(row));
    totalNanos += nanos;
    const rowTokens = (row.tokens_prompt ?? 0) + (row.tokens_completion ?? 0);
    tokens += rowTokens;
    add(buckets[i].spend, name, Number(nanos) / 1e9);
    add(buckets[i].tokens, name, rowTokens);
    add(buckets[i].requests, name, 1);
  }
  return { buckets, series: [...series].sort(), totalUsd: fromNanos(totalNanos), tokens, requests: rows.length };
}

/** The same summary from /api/v1/activity's daily rows (grouping by model only). */
export async function summariseActivity(period, now = new Date()) {
  const rows = (await get('/api/v1/activity')).data ?? [];
  const buckets = emptyBuckets(period === '1d' ? '7d' : period, now).slice(period === '1d' ? -1 : 0);
  const index = new Map(buckets.map((b, i) => [b.label, i]));
  const series = new Set();
  let totalNanos = 0n;
  let tokens = 0;
  let requests = 0;
  for (const row of rows) {
    const i = index.get(bucketLabel(new Date(row.date + 'T00:00:00').getTime(), 24));
    if (i === undefined) continue;
    series.add(row.model);
    const nanos = toNanos(row.usage);
    totalNanos += nanos;
    const rowTokens = (row.prompt_tokens ?? 0) + (row.completion_tokens ?? 0);
    tokens += rowTokens;
    requests += row.requests ?? 0;
    add(buckets[i].spend, row.model, Number(nanos) / 1e9);
    add(buckets[i].tokens, row.model, rowTokens);
    add(buckets[i].requests, row.model, row.requests ?? 0);
  }
  return { buckets, series: [...series].sort(), totalUsd: fromNanos(totalNanos), tokens, requests };
}

export function since(period, now = new Date()) {
  return new Date(now.getTime() - PERIODS[period].days * 86400e3);
}
