/**
 * A phone's own choice in a netwerkberaad (follow the wall, or a part picked
 * by the person), per meeting, kept in sessionStorage (and in memory when
 * storage is not available). The server render knows no choice: it follows
 * the wall. A tiny external store for useSyncExternalStore.
 */
const chosen = new Map<string, string>();
const choiceListeners = new Set<() => void>();
export function subscribeChoice(listener: () => void) {
  choiceListeners.add(listener);
  return () => void choiceListeners.delete(listener);
}
export function choiceOf(key: string): string | null {
  if (chosen.has(key)) return chosen.get(key)!;
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
export function keepChoice(key: string, value: string) {
  chosen.set(key, value);
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Kept in memory only: the choice holds until the page is closed.
  }
  for (const listener of choiceListeners) listener();
}
