/**
 * Child-process management for the bench servers.
 *
 * Every server speaks the same contract:
 *  - one `BENCH_READY <json>` line on stdout once listening;
 *  - stdin `mem\n` → `MEM {"rss":..,"heapUsed":..,"external":..,"arrayBuffers":..}` (after global.gc);
 *  - optionally stdin `stats\n` → `STATS <json>` (the server's own figures);
 *  - exits on SIGTERM.
 * Invariant: every spawned server is tracked until it exits, and killed on the harness's exit.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The servers a run can compare. `veiligplan-nocheck` is the same Veiligplan server started with
 * `sync.schemaCheck: false`, run only to show what the schema check costs per update.
 */
export type ServerKind = 'veiligplan' | 'veiligplan-nocheck' | 'durable' | 'reference' | 'hocuspocus';

export const ALL_KINDS: readonly ServerKind[] = ['veiligplan', 'veiligplan-nocheck', 'durable', 'reference', 'hocuspocus'];

/** Which client the harness uses against a server (wire protocol + authentication). */
export type ClientKind = 'veiligplan' | 'y-websocket' | 'hocuspocus';

export type Phase = 'latency' | 'memory' | 'cold';

export interface ServerSpec {
  kind: ServerKind;
  label: string;
  client: ClientKind;
  /** Script path relative to the repo root. */
  script: string;
  /** Node arguments placed before the script. */
  nodeArgs: string[];
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** Phases the server takes part in. */
  phases: readonly Phase[];
}

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const SERVER_SPECS: Record<ServerKind, ServerSpec> = {
  veiligplan: {
    kind: 'veiligplan',
    label: 'Veiligplan',
    client: 'veiligplan',
    script: 'bench/servers/veiligplan.ts',
    nodeArgs: ['--expose-gc', '--import', 'tsx'],
    phases: ['latency', 'memory', 'cold'],
  },
  'veiligplan-nocheck': {
    kind: 'veiligplan-nocheck',
    label: 'Veiligplan without schema check',
    client: 'veiligplan',
    script: 'bench/servers/veiligplan.ts',
    nodeArgs: ['--expose-gc', '--import', 'tsx'],
    env: { BENCH_VP_SCHEMA_CHECK: '0' },
    phases: ['latency'],
  },
  durable: {
    kind: 'durable',
    label: 'durable floor (y-websocket@1.5.4 + SQLite FULL)',
    client: 'y-websocket',
    script: 'bench/servers/durable-floor.cjs',
    nodeArgs: ['--expose-gc'],
    // memory and cold load would measure reference.cjs again (same code, no load path of its own)
    phases: ['latency'],
  },
  reference: {
    kind: 'reference',
    label: 'y-websocket@1.5.4',
    client: 'y-websocket',
    script: 'bench/servers/reference.cjs',
    nodeArgs: ['--expose-gc'],
    phases: ['latency', 'memory', 'cold'],
  },
  hocuspocus: {
    kind: 'hocuspocus',
    label: 'Hocuspocus 4.7',
    client: 'hocuspocus',
    script: 'bench/servers/hocuspocus.ts',
    nodeArgs: ['--expose-gc', '--import', 'tsx'],
    phases: ['latency', 'memory', 'cold'],
  },
};

export function serverScriptExists(kind: ServerKind): boolean {
  return existsSync(path.join(REPO_ROOT, SERVER_SPECS[kind].script));
}

/** Parsed `BENCH_READY` payload (fields the harness uses; servers may add more). */
export interface ReadyInfo {
  port: number;
  origin: string;
  cookie?: string;
  rooms: string[];
  /** The bench user's participant id in the case of `rooms[i]` (Veiligplan only; empty elsewhere). */
  participantIds: string[];
  /** The bench user's name and role label as the server knows them (Veiligplan only). */
  actor?: { name: string; role: string };
  coldRooms: string[];
}

export interface MemInfo {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

// ---------------------------------------------------------------------------
// CPU pinning
// ---------------------------------------------------------------------------

export interface PinInfo {
  enabled: boolean;
  note: string;
}

let tasksetPath: string | null | undefined;

function findTaskset(): string | null {
  if (tasksetPath !== undefined) return tasksetPath;
  tasksetPath = null;
  for (const p of ['/usr/bin/taskset', '/bin/taskset', '/usr/local/bin/taskset']) {
    if (existsSync(p)) {
      tasksetPath = p;
      break;
    }
  }
  return tasksetPath;
}

let pinning: PinInfo = { enabled: false, note: 'pinning not set up' };

/**
 * Pins this (client) process — all its threads — to core 1, and makes later server spawns
 * run on core 0. Disabled by BENCH_PIN=0, without taskset, or with fewer than 2 cores.
 */
export function setupPinning(cpuCount: number, disabledByEnv: boolean): PinInfo {
  const ts = findTaskset();
  if (disabledByEnv) pinning = { enabled: false, note: 'CPU pinning disabled (BENCH_PIN=0)' };
  else if (!ts) pinning = { enabled: false, note: 'CPU pinning skipped: `taskset` not found' };
  else if (cpuCount < 2) pinning = { enabled: false, note: `CPU pinning skipped: only ${cpuCount} core(s)` };
  else {
    try {
      execFileSync(ts, ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
      pinning = { enabled: true, note: 'servers pinned to core 0, clients (this process) to core 1 (taskset)' };
    } catch (e) {
      pinning = { enabled: false, note: `CPU pinning failed: ${(e as Error).message}` };
    }
  }
  return pinning;
}

// ---------------------------------------------------------------------------
// CPU time of a process
// ---------------------------------------------------------------------------

let clkTck: number | undefined;

export function clockTicksPerSecond(): number {
  if (clkTck !== undefined) return clkTck;
  try {
    const v = Number.parseInt(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(), 10);
    clkTck = Number.isFinite(v) && v > 0 ? v : 100;
  } catch {
    clkTck = 100;
  }
  return clkTck;
}

/** utime+stime of a process (all threads) in µs, from /proc/<pid>/stat; NaN if unavailable. */
export function processCpuMicros(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm (field 2) may contain spaces/parens: split after the last ')'
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // rest[0] is field 3 (state) → utime = field 14 = rest[11], stime = field 15 = rest[12]
    const ticks = Number(rest[11]) + Number(rest[12]);
    return (ticks * 1_000_000) / clockTicksPerSecond();
  } catch {
    return Number.NaN;
  }
}

/**
 * Machine-wide busy CPU time (all cores, excluding idle and iowait) in µs, from /proc/stat.
 * Used to detect foreign load during a measurement window. NaN if unavailable.
 */
export function machineBusyMicros(): number {
  return machineCpu().busy;
}

/** Machine-wide busy and iowait time (all cores) in µs, from the first line of /proc/stat. */
export function machineCpu(): { busy: number; iowait: number } {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    const f = first.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest is already included in user)
    const busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f[7] || 0);
    const us = 1_000_000 / clockTicksPerSecond();
    return { busy: busy * us, iowait: f[4] * us };
  } catch {
    return { busy: Number.NaN, iowait: Number.NaN };
  }
}

/**
 * Completed write requests and the milliseconds spent on them, summed over the
 * machine's disks (from /proc/diskstats; loop, ram, zram and device-mapper
 * devices and partitions are skipped). The average write latency over a window
 * shows disk contention from outside the benchmark (other tenants of a shared
 * host), which iowait alone does not separate from the server's own fsyncs.
 */
export function diskWrites(): { writes: number; writeMs: number } {
  try {
    let writes = 0;
    let writeMs = 0;
    for (const line of readFileSync('/proc/diskstats', 'utf8').split('\n')) {
      const f = line.trim().split(/\s+/);
      const name = f[2];
      if (!name || /^(loop|ram|zram|dm-|md|sr)/.test(name)) continue;
      if (/^(sd|vd|xvd|hd)[a-z]+\d+$/.test(name) || /^nvme\d+n\d+p\d+$/.test(name) || /^mmcblk\d+p\d+$/.test(name)) continue; // partitions
      writes += Number(f[7]);
      writeMs += Number(f[10]);
    }
    return { writes, writeMs };
  } catch {
    return { writes: Number.NaN, writeMs: Number.NaN };
  }
}

// ---------------------------------------------------------------------------
// Child process
// ---------------------------------------------------------------------------

const live = new Set<ChildProcess>();

/** Synchronous last-resort cleanup (process 'exit' handler). */
export function killAllServersSync(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
}

export interface StartOptions {
  cases: number;
  coldUpdates: number;
  readyTimeoutMs: number;
  verbose: boolean;
  /** Extra node/V8 flags placed before the server's own node arguments. */
  extraNodeArgs?: string[];
}

export class ServerProcess {
  readonly kind: ServerKind;
  readonly child: ChildProcess;
  readonly pid: number;
  ready!: ReadyInfo;
  private stderrTail: string[] = [];
  private lineWaiters: Array<{ prefix: string; resolve: (line: string) => void }> = [];
  private exited = false;
  private exitPromise: Promise<void>;

  private constructor(kind: ServerKind, child: ChildProcess, verbose: boolean) {
    this.kind = kind;
    this.child = child;
    if (child.pid === undefined) throw new Error(`${kind}: spawn failed`);
    this.pid = child.pid;
    live.add(child);
    this.exitPromise = new Promise<void>((resolve) => {
      child.once('exit', () => {
        this.exited = true;
        live.delete(child);
        resolve();
      });
    });
    if (!child.stdout || !child.stderr) throw new Error(`${kind}: stdio not piped`);
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const i = this.lineWaiters.findIndex((w) => line.startsWith(w.prefix));
      if (i >= 0) {
        const [w] = this.lineWaiters.splice(i, 1);
        w.resolve(line);
      } else if (verbose) {
        process.stderr.write(`[${kind}] ${line}\n`);
      }
    });
    readline.createInterface({ input: child.stderr }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > 30) this.stderrTail.shift();
      if (verbose) process.stderr.write(`[${kind}!] ${line}\n`);
    });
    child.stdin?.on('error', () => {
      /* EPIPE when the child died; reported via exit */
    });
  }

  get stderr(): string {
    return this.stderrTail.join('\n');
  }

  get alive(): boolean {
    return !this.exited;
  }

  private waitLine(prefix: string, timeoutMs: number): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const waiter = {
        prefix,
        resolve: (line: string) => {
          clearTimeout(timer);
          this.child.off('exit', onExit);
          resolve(line);
        },
      };
      const onExit = (code: number | null, signal: string | null) => {
        clearTimeout(timer);
        this.lineWaiters = this.lineWaiters.filter((w) => w !== waiter);
        reject(new Error(`${this.kind} server exited (code ${code}, signal ${signal}) while waiting for ${prefix.trim()}\n${this.stderr}`));
      };
      const timer = setTimeout(() => {
        this.lineWaiters = this.lineWaiters.filter((w) => w !== waiter);
        this.child.off('exit', onExit);
        reject(new Error(`${this.kind} server: no ${prefix.trim()} line within ${timeoutMs} ms\n${this.stderr}`));
      }, timeoutMs);
      this.lineWaiters.push(waiter);
      this.child.once('exit', onExit);
    });
  }

  static async start(kind: ServerKind, opts: StartOptions): Promise<ServerProcess> {
    const spec = SERVER_SPECS[kind];
    // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is passed to every server process, for profiling.
    const extra = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ').filter(Boolean) : [];
    const nodeArgv = [...extra, ...(opts.extraNodeArgs ?? []), ...spec.nodeArgs, spec.script];
    const [cmd, args] = pinning.enabled ? [findTaskset() as string, ['-c', '0', process.execPath, ...nodeArgv]] : [process.execPath, nodeArgv];
    const child = spawn(cmd, args, {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        ...spec.env,
        BENCH_CASES: String(opts.cases),
        BENCH_COLD_UPDATES: String(opts.coldUpdates),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const sp = new ServerProcess(kind, child, opts.verbose);
    try {
      const line = await sp.waitLine('BENCH_READY ', opts.readyTimeoutMs);
      const raw = JSON.parse(line.slice('BENCH_READY '.length)) as Record<string, unknown>;
      sp.ready = normalizeReady(raw);
    } catch (e) {
      await sp.stop();
      throw e;
    }
    return sp;
  }

  /** Asks the server for process.memoryUsage() after a forced GC. */
  async mem(timeoutMs = 15_000): Promise<MemInfo> {
    const p = this.waitLine('MEM ', timeoutMs);
    this.child.stdin?.write('mem\n');
    const line = await p;
    return JSON.parse(line.slice(4)) as MemInfo;
  }

  /**
   * The server's own figures, when it has any (Veiligplan: sync metrics such as `lastLoadMs`, the
   * time to load the last document from SQLite into memory; durable floor: `rows` stored).
   * Null when the server does not answer.
   */
  async stats(timeoutMs = 5_000): Promise<Record<string, number> | null> {
    try {
      const p = this.waitLine('STATS ', timeoutMs);
      this.child.stdin?.write('stats\n');
      return JSON.parse((await p).slice(6)) as Record<string, number>;
    } catch {
      return null;
    }
  }

  cpuMicros(): number {
    return processCpuMicros(this.pid);
  }

  /** Any other stdin command (e.g. Veiligplan's `dbstate`): the JSON after `prefix` in its answer line, null when there is none in time. */
  async ask<T>(command: string, prefix: string, timeoutMs = 30_000): Promise<T | null> {
    try {
      const p = this.waitLine(prefix, timeoutMs);
      this.child.stdin?.write(`${command}\n`);
      return JSON.parse((await p).slice(prefix.length)) as T;
    } catch {
      return null;
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs`. Always resolves. */
  async stop(graceMs = 3000): Promise<void> {
    if (this.exited) return;
    try {
      this.child.kill('SIGTERM');
    } catch {
      /* gone */
    }
    const timer = setTimeout(() => {
      try {
        this.child.kill('SIGKILL');
      } catch {
        /* gone */
      }
    }, graceMs);
    await this.exitPromise;
    clearTimeout(timer);
  }
}

function normalizeReady(raw: Record<string, unknown>): ReadyInfo {
  const port = Number(raw.port);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`BENCH_READY without a valid port: ${JSON.stringify(raw)}`);
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  let coldRooms = strings(raw.coldRooms);
  if (coldRooms.length === 0 && typeof raw.coldRoom === 'string') coldRooms = [raw.coldRoom];
  const rawActor = raw.actor as Record<string, unknown> | null | undefined;
  const actor = rawActor && typeof rawActor.name === 'string' && typeof rawActor.role === 'string' ? { name: rawActor.name, role: rawActor.role } : undefined;
  return {
    port,
    origin: typeof raw.origin === 'string' ? raw.origin : `http://127.0.0.1:${port}`,
    cookie: typeof raw.cookie === 'string' ? raw.cookie : undefined,
    rooms: strings(raw.rooms),
    participantIds: strings(raw.participantIds),
    actor,
    coldRooms,
  };
}
