/**
 * The typed failures of commands. Each carries the Dutch message the person
 * sees and the HTTP status it maps to (in one place: app/utils/commandAction.server.ts).
 * Anything else a command throws is a bug and answers 500.
 *
 * The Remix build bundles its own copy of this module while the server loads
 * another, so class identity differs between them: `instanceof` checks a
 * brand (a registered symbol) instead, and works across both copies.
 */
const BRAND = Symbol.for('veiligplan.CommandError');

export abstract class CommandError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null || !(BRAND in value)) return false;
    // Subclasses match by name, the base class matches every command error.
    return this.name === 'CommandError' || (value as unknown as Error).name === this.name;
  }
  readonly [BRAND] = true;
  abstract readonly status: 400 | 403 | 404 | 409 | 413;
  /** The form field the message belongs to, when there is one. */
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/** The input is missing, garbled or of the wrong type (400). */
export class InvalidInput extends CommandError {
  override name = 'InvalidInput';
  readonly status = 400;
}

/** The acting person's role may not do this (403). */
export class NotAllowed extends CommandError {
  override name = 'NotAllowed';
  readonly status = 403;
}

/** The thing does not exist in this case — also for ids of another case (404). */
export class NotFound extends CommandError {
  override name = 'NotFound';
  readonly status = 404;
}

/** The request is valid but clashes with the current state (409). */
export class Conflict extends CommandError {
  override name = 'Conflict';
  readonly status = 409;
}
