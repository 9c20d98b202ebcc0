/** Dutch formatting with the standard Intl API (same output on server and in the browser). */
const dateLong = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

/** Formats an ISO date (yyyy-mm-dd) as "4 januari 2027". */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return 'nog niet gepland';
  const date = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? 'onbekende datum' : dateLong.format(date);
}

export function formatDateTime(ms: number | Date): string {
  return dateTime.format(ms);
}
