/** What command tests share: the typed error a command threw (CommandError), or the test fails. */
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
