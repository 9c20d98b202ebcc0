/** What command tests share: the typed error a command threw (CommandError), or the test fails; the ground fields of someone added. */
import { CommandError } from '../../server/commands/errors';

/** Runs a command that must fail and returns its CommandError; any other outcome fails the test. */
export async function failure(run: () => unknown): Promise<CommandError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CommandError) return error;
    throw error;
  }
  throw new Error('expected the command to fail');
}

/**
 * The grondslag fields every netwerk member or professional is added with
 * (ADR 040): consent given today by `giverId`, an ouder or jeugdige of the case.
 */
export function consentBy(giverId: string, purpose = 'om mee te denken over het plan') {
  return { basis: 'toestemming', consentGivenById: giverId, consentGivenOn: new Date().toISOString().slice(0, 10), purpose } as const;
}
