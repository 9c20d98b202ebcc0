/** A moment (ms) as the Dutch day it fell on in the Netherlands: "3 maart 2027". Same output on server and browser. */
const day = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

export function formatDay(ms: number): string {
  return day.format(ms);
}
