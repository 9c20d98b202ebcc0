/**
 * Spawns tests/support/serverMain.ts as a separate Node process and waits
 * until it listens. Everything the process writes (stdout and stderr) is kept
 * for the test to read.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface SpawnedServer {
  url: string;
  caseId: string | null;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far, in arrival order. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function spawnServer(options: { databasePath: string; demo?: boolean; port?: number; env?: Record<string, string> }): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/serverMain.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(options.port ?? 0), DATABASE_PATH: options.databasePath, VEILIGPLAN_DEMO: options.demo ? '1' : '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // 'close', not 'exit': by then stdout and stderr have been read to the end.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  let stderr = '';
  let output = '';
  child.stderr!.on('data', (d) => {
    stderr += d;
    output += d;
  });
  child.stdout!.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`Server did not start in time.\n${stderr}`)), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with ${code} before it was ready.\n${stderr}`));
    });
    child.stdout!.on('data', (d) => {
      stdout += d;
      const match = /VEILIGPLAN_READY (.*)\n/.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      const info = JSON.parse(match[1]!) as { url: string; caseId: string | null };
      resolve({
        ...info,
        child,
        output: () => output,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
  });
}
