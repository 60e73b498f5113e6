// Dates, money and numbers for people (en-US, as the program guides write them).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-04" or "2026-03-04T10:00:00Z" -> "Mar 4, 2026" ("—" when empty). */
export function fmtDate(s) {
  if (!s) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return s;
  return `${MONTHS[+m[2] - 1]} ${+m[3]}, ${m[1]}`;
}

/** "2026-03-04T10:05:00Z" -> "Mar 4, 2026, 10:05 UTC". */
export function fmtDateTime(s) {
  if (!s) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(s);
  if (!m) return fmtDate(s);
  return `${fmtDate(s)}, ${m[4]}:${m[5]} UTC`;
}

/** Whole dollars from the API's decimal strings ("625000.00") or numbers. */
export function dollars(v) {
  if (v === null || v === undefined || v === '') return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

/** "$625,000" (cents shown only when there are any). */
export function fmtMoney(v) {
  const n = dollars(v);
  if (n === null) return '—';
  const whole = Math.round(n * 100) % 100 === 0;
  return n.toLocaleString('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: 2,
  });
}

/** "$1.2M", "$420K": for chart axes and tight spaces. */
export function fmtMoneyShort(v) {
  const n = dollars(v);
  if (n === null) return '—';
  const a = Math.abs(n);
  if (a >= 1e9) return `$${+(n / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `$${+(n / 1e6).toFixed(1)}M`;
  if (a >= 1e3) return `$${+(n / 1e3).toFixed(0)}K`;
  return fmtMoney(n);
}

export const fmtNumber = (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US'));

/** A requirement's value for its unit: usd -> money, count -> number, bool -> Yes/No. */
export function fmtValue(unit, v) {
  if (v === null || v === undefined) return '—';
  if (unit === 'usd') return fmtMoney(v);
  if (unit === 'bool') return v ? 'Yes' : 'No';
  return fmtNumber(v);
}

/** "gold" -> "Gold"; tiers and other keys shown as words. */
export function titleCase(s) {
  if (!s) return '';
  return s.replace(/[_-]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

/** "1 partner", "3 partners". */
export const plural = (n, one, many) => `${fmtNumber(n)} ${n === 1 ? one : many || one + 's'}`;

/** Today's date as YYYY-MM-DD (UTC, as the server counts). */
export const todayIso = () => new Date().toISOString().slice(0, 10);
