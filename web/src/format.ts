// format.ts: dates as people in the Netherlands write them (dd-mm-jjjj, Amsterdam time) and
// deadlines in working days, in words that also read without colour.
import type { Deadline } from './types';
import type { Lang } from './i18n';

const zone = 'Europe/Amsterdam';

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  const p = new Intl.DateTimeFormat('nl-NL', {
    timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric',
  }).formatToParts(d);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${get('day')}-${get('month')}-${get('year')}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  const time = new Intl.DateTimeFormat('nl-NL', {
    timeZone: zone, hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(d);
  return `${formatDate(iso)} ${time}`;
}

// Seconds since 1970, as the audit trail stores moments.
export function formatEpoch(seconds: number): string {
  return formatDateTime(new Date(seconds * 1000).toISOString());
}

// "24-11-2026 14:05" (Amsterdam time) as the API's local form "2026-11-24T14:05"; null when
// it is not a date and time. A date alone means the start of that day.
export function parseDutchDateTime(text: string): string | null {
  const m = text.trim().match(/^(\d{1,2})-(\d{1,2})-(\d{4})(?:\s+(\d{1,2})[:.](\d{2}))?$/);
  if (!m) return null;
  const [, d, mo, y, h = '0', mi = '00'] = m;
  const day = Number(d), month = Number(mo), hour = Number(h), minute = Number(mi);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
}

// Now in Amsterdam, as "24-11-2026 14:05".
export function nowDutch(): string {
  return formatDateTime(new Date().toISOString());
}

export type Urgency = 'late' | 'soon' | 'ok' | 'done' | 'none';

export function urgencyOf(d: Deadline | null): Urgency {
  if (!d) return 'none';
  if (d.status === 'missed') return d.done_at ? 'done' : 'late';
  if (d.status === 'due') return (d.working_days_left ?? 99) <= 2 ? 'soon' : 'ok';
  if (d.status === 'met') return 'done';
  return 'none';
}

// "nog 2 werkdagen", "vandaag", "1 werkdag te laat", "op tijd".
export function deadlineText(d: Deadline | null, lang: Lang): string {
  const nl = lang === 'nl';
  if (!d) return nl ? 'geen lopende termijn' : 'no running deadline';
  const days = (n: number) =>
    nl ? `${n} werkdag${n === 1 ? '' : 'en'}` : `${n} working day${n === 1 ? '' : 's'}`;
  switch (d.status) {
    case 'due': {
      const n = d.working_days_left ?? 0;
      if (n <= 0) return nl ? 'vandaag' : 'today';
      return nl ? `nog ${days(n)}` : `${days(n)} left`;
    }
    case 'missed': {
      const n = d.working_days_late ?? 0;
      const late = n <= 0 ? (nl ? 'te laat' : 'late') : nl ? `${days(n)} te laat` : `${days(n)} late`;
      return d.done_at ? (nl ? `gedaan, ${late}` : `done, ${late}`) : late;
    }
    case 'met': return nl ? 'op tijd gedaan' : 'done in time';
    case 'waiting': return nl ? 'nog niet begonnen' : 'not started yet';
    case 'not_set': return nl ? 'nog niet afgesproken' : 'not agreed yet';
    case 'no_term': return nl ? 'geen vaste termijn' : 'no fixed term';
    default: return nl ? 'niet van toepassing' : 'not applicable';
  }
}

// The symbol before a deadline's words, so that it reads without colour.
export const urgencySymbol: Record<Urgency, string> = {
  late: '⚠', soon: '⏳', ok: '•', done: '✓', none: '–',
};
// Shades dark or light enough for AA contrast with their text (checked by axe-core).
export const urgencyColour: Record<Urgency, string> = {
  late: 'red.9', soon: 'yellow.4', ok: 'blue.8', done: 'teal.9', none: 'gray.7',
};

// A file size as people read it, with a decimal comma: "1,5 MB", "64 kB".
export function formatSize(bytes: number): string {
  const nl = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
  if (bytes >= 1024 * 1024) return `${nl(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${nl(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

// A term as the API gives it ("14 days", "2 weeks", "48 hours", "1 working day") in the
// reader's language: "14 dagen", "2 weken", "48 uur", "1 werkdag".
export function termText(term: string, lang: Lang): string {
  if (lang === 'en') return term;
  const m = /^(\d+) (working day|day|week|month|hour)s?$/.exec(term);
  if (!m) return term;
  const n = Number(m[1]);
  const unit: Record<string, [string, string]> = {
    'working day': ['werkdag', 'werkdagen'],
    day: ['dag', 'dagen'],
    week: ['week', 'weken'],
    month: ['maand', 'maanden'],
    hour: ['uur', 'uur'],
  };
  return `${n} ${unit[m[2]][n === 1 ? 0 : 1]}`;
}

// A date of the API ("2026-11-24") as "24-11-2026", without a detour through time zones.
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

// "24-11-2026" as the API's "2026-11-24"; null when it is not a date.
export function parseDutchDate(text: string): string | null {
  const m = text.trim().match(/^(\d{1,2})-(\d{1,2})-(\d{4})$/);
  if (!m) return null;
  const [, d, mo, y] = m;
  const day = Number(d), month = Number(mo), year = Number(y);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${pad(month)}-${pad(day)}`;
}

// Today in Amsterdam as "2026-11-24".
export function todayIso(): string {
  const p = new Intl.DateTimeFormat('nl-NL', { timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric' })
    .formatToParts(new Date());
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

// A moment as the audit trail may write it: seconds since 1970, or a local "2026-11-24T14:05"
// (Amsterdam time, no zone), or an ISO moment with its zone.
export function formatMoment(v: unknown): string {
  if (typeof v === 'number') return formatEpoch(v);
  if (typeof v !== 'string') return String(v);
  const local = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/.exec(v);
  if (local) return `${local[3]}-${local[2]}-${local[1]} ${local[4]}:${local[5]}`;
  return formatDateTime(v);
}

// A calendar period for the register's filter: this or the previous quarter, half year or
// year, around `today` ("2026-11-24"), as its first and last day.
export type PeriodName = 'quarter' | 'half' | 'year' | 'previousQuarter' | 'previousHalf' | 'previousYear';
export function periodOf(name: PeriodName, today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)); // 1..12
  const months = name === 'quarter' || name === 'previousQuarter' ? 3 : name === 'half' || name === 'previousHalf' ? 6 : 12;
  let start = Math.floor((month - 1) / months) * months; // months since January, 0-based
  let y = year;
  if (name.startsWith('previous')) {
    start -= months;
    if (start < 0) {
      start += 12;
      y -= 1;
    }
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const last = new Date(Date.UTC(y, start + months, 0)).getUTCDate();
  return { from: `${y}-${pad(start + 1)}-01`, to: `${y}-${pad(start + months)}-${pad(last)}` };
}
