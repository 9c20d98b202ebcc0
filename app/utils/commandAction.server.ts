/**
 * The one place where command failures become HTTP answers: a typed
 * CommandError becomes its status (400/403/404/409) with its Dutch message
 * (and field); anything else is a bug and propagates (500). Route actions
 * pick one handler per form intent; an unknown or missing intent is a 400.
 */
import { json, type TypedResponse } from '@remix-run/node';
import { CommandError } from '../../server/commands/errors';

export interface ActionFailure {
  error: string;
  field?: string;
}

export function failureResponse(error: CommandError): TypedResponse<ActionFailure> {
  return json({ error: error.message, ...(error.field ? { field: error.field } : {}) }, { status: error.status });
}

/** Runs one command-calling handler and maps its typed failure. */
export async function answer<T>(handler: () => T | Promise<T>): Promise<T | TypedResponse<ActionFailure>> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof CommandError) return failureResponse(error);
    throw error;
  }
}

/** One handler per form intent: `form.intent` picks it. */
export function handleIntent<R>(form: Record<string, unknown>, handlers: Record<string, () => R | Promise<R>>): Promise<R | TypedResponse<ActionFailure>> {
  const intent = typeof form.intent === 'string' ? form.intent : '';
  const handler = Object.hasOwn(handlers, intent) ? handlers[intent] : undefined;
  if (!handler) return Promise.resolve(json({ error: 'Onbekende actie.' }, { status: 400 }));
  return answer(handler);
}
