// The dashboard's pure rules: periods from presets, changes in words and signs, sorting and map colours.
// No DOM here, so they are tested with node --test (static-web/tests/dashboard-core.test.js).

/** @typedef {'this-week' | 'last-week' | 'this-month' | 'last-month' | 'this-year' | 'custom'} Preset */

export const PRESETS = /** @type {const} */ (['this-week', 'last-week', 'this-month', 'last-month', 'this-year', 'custom']);

/** @param {Date} d a date at UTC midnight */
export function isoDate(d) {
  return d.toISOString().slice(0, 10);
}

/** @param {string} text yyyy-MM-dd */
function parse(text) {
  return new Date(`${text}T00:00:00Z`);
}

/** @param {Date} d @param {number} days */
function addDays(d, days) {
  return new Date(d.getTime() + days * 86_400_000);
}

/**
 * The Brussels calendar days of a preset, up to today (inclusive): this week runs Monday to today.
 * @param {Preset} preset
 * @param {string} today yyyy-MM-dd, on the Brussels calendar
 * @returns {{ from: string, to: string } | null} null for 'custom'
 */
export function periodOf(preset, today) {
  const now = parse(today);
  const monday = addDays(now, -((now.getUTCDay() + 6) % 7));
  const firstOfMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  switch (preset) {
    case 'this-week': return { from: isoDate(monday), to: today };
    case 'last-week': return { from: isoDate(addDays(monday, -7)), to: isoDate(addDays(monday, -1)) };
    case 'this-month': return { from: isoDate(firstOfMonth), to: today };
    case 'last-month': return {
      from: isoDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))),
      to: isoDate(addDays(firstOfMonth, -1)),
    };
    case 'this-year': return { from: `${now.getUTCFullYear()}-01-01`, to: today };
    default: return null;
  }
}

/** Today on the Brussels calendar, as yyyy-MM-dd. @param {Date} [now] */
export function brusselsToday(now = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * A change as shown beside a figure: "+3", "−2", "0"; null when there is nothing to compare with.
 * @param {number | null} change
 * @param {'count' | 'share' | 'days'} kind shares change in percentage points
 */
export function formatChange(change, kind) {
  if (change === null || change === undefined) return null;
  const value = kind === 'share' ? Math.round(change * 1000) / 10 : Math.round(change * 10) / 10;
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${Math.abs(value)}${kind === 'share' ? ' pp' : ''}`;
}

/** @param {number | null} value @param {'count' | 'share' | 'days'} kind */
export function formatValue(value, kind) {
  if (value === null || value === undefined) return '–';
  return kind === 'share' ? `${Math.round(value * 1000) / 10} %` : String(Math.round(value * 10) / 10);
}

/**
 * Rows sorted by one column, nulls last whatever the direction; text by the reader's locale.
 * @template T
 * @param {T[]} rows @param {keyof T} key @param {'ascending' | 'descending'} direction
 */
export function sortRows(rows, key, direction) {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [a[key], b[key]];
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y)));
  });
}

/** Five colour steps, light to dark; a neighbourhood's step by its share of the busiest one. */
export const STEPS = 5;

/** @param {number} value @param {number} max @returns {number} 0 (none) … STEPS */
export function stepOf(value, max) {
  if (!value || !max) return 0;
  return Math.min(STEPS, Math.max(1, Math.ceil((value / max) * STEPS)));
}
