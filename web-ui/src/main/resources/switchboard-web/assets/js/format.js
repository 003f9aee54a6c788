// Formatting for people. Amounts arrive as exact decimal USD from the API; they are shown, never
// summed here in floating point except for charts (which are pictures, not books).

export function usd(value, digits) {
  if (value === null || value === undefined || value === '') return '—';
  const n = Number(value);
  const places = digits ?? (Math.abs(n) > 0 && Math.abs(n) < 0.01 ? 6 : 2);
  return (n < 0 ? '−$' : '$') + Math.abs(n).toFixed(places);
}

/** Sums decimal-USD strings exactly, in nano-USD BigInts; returns a decimal string. */
export function sumUsd(values) {
  let nanos = 0n;
  for (const v of values) nanos += toNanos(v);
  return fromNanos(nanos);
}

export function toNanos(value) {
  if (value === null || value === undefined || value === '') return 0n;
  const text = typeof value === 'number' ? value.toFixed(9) : String(value);
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const nanos = BigInt(whole || '0') * 1000000000n + BigInt((fraction + '000000000').slice(0, 9));
  return negative ? -nanos : nanos;
}

export function fromNanos(nanos) {
  const negative = nanos < 0n;
  const abs = negative ? -nanos : nanos;
  const whole = abs / 1000000000n;
  const fraction = (abs % 1000000000n).toString().padStart(9, '0').replace(/0+$/, '');
  return (negative ? '-' : '') + whole.toString() + (fraction ? '.' + fraction : '');
}

export function integer(n) {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US');
}

export function pricePerMillion(perToken) {
  if (perToken === null || perToken === undefined) return '—';
  const n = Number(perToken) * 1e6;
  if (n < 0) return 'varies';
  return n === 0 ? 'free' : '$' + (n < 0.1 ? n.toFixed(4) : n.toFixed(2)) + '/M';
}

export function tokens(n) {
  if (!n) return '—';
  if (n >= 1e6) return (n / 1e6).toFixed(n % 1e6 ? 1 : 0) + 'M';
  if (n >= 1e3) return Math.round(n / 1e3) + 'K';
  return String(n);
}

export function when(iso) {
  if (!iso) return '—';
  const d = typeof iso === 'number' ? new Date(iso * 1000) : new Date(iso);
  return d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function ms(n) {
  return n === null || n === undefined ? '—' : n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(2)} s`;
}

export function percent(n) {
  return n === null || n === undefined ? '—' : `${Number(n).toFixed(1)}%`;
}
