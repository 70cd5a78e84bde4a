import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, appendFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

// A throw-away PostgreSQL cluster of its own, for tests that must stop and start the server (the machine's shared
// server on 5432 must keep running for every other test). Built from the distribution's binaries (Debian:
// /usr/lib/postgresql/<version>/bin); initdb refuses root, so under root everything runs as the `postgres` user.

const run = promisify(execFile);

export interface PrivatePostgres {
  /** Server URL (database `postgres`); `databaseUrl(name)` for another database. */
  url: string;
  port: number;
  dir: string;
  databaseUrl(name: string): string;
  createDatabase(name: string): Promise<string>;
  /** `pg_ctl stop -m fast`: every session is terminated, new connections are refused. */
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server (if running) and deletes its files. */
  destroy(): Promise<void>;
  /** The postmaster's pid while running (from postmaster.pid). */
  pid(): number | undefined;
  /**
   * SIGSTOP the postmaster: connections are accepted by the kernel but never answered (a hung server). Existing
   * sessions keep working (their backends run on). `thaw()` (also done by stop/destroy) resumes it.
   */
  freeze(): void;
  thaw(): void;
}

/** Directory holding initdb/pg_ctl/postgres (newest version first), or undefined when PostgreSQL is not installed. */
export function findPostgresBin(): string | undefined {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+/.test(v)).sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    candidates.push(...versions.map((v) => path.join(root, v, "bin")));
  }
  return candidates.find((dir) => ["initdb", "pg_ctl", "postgres"].every((tool) => existsSync(path.join(dir, tool))));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(options: { bin?: string } = {}): Promise<PrivatePostgres> {
  const bin = options.bin ?? findPostgresBin();
  if (!bin) throw new Error("PostgreSQL binaries not found (install postgresql, or set PG_BIN to the directory of pg_ctl)");

  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), "iam-private-pg-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const port = await freePort();

  // As the `postgres` OS user when we are root (initdb and postgres refuse to run as root).
  const tool = (name: string, args: string[]) =>
    asRoot ? run("runuser", ["-u", "postgres", "--", path.join(bin, name), ...args]) : run(path.join(bin, name), args);
  const withLog = async (what: string, action: Promise<unknown>) => {
    try {
      await action;
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : "(no server log)";
      throw new Error(`${what} failed: ${(error as Error).message}\n${log}`, { cause: error });
    }
  };

  await withLog("initdb", tool("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"]));
  // Settings in postgresql.conf rather than on pg_ctl's command line, so that start() after stop() needs nothing else.
  // Written as the file's owner so that its permissions stay those initdb gave it.
  const settings = [
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${dir}'`,
    "fsync = off",
    "synchronous_commit = off",
    "full_page_writes = off",
    "max_connections = 50",
    "shared_buffers = 16MB",
  ];
  appendFileSync(path.join(dataDir, "postgresql.conf"), `\n# private test cluster\n${settings.join("\n")}\n`);

  let running = false;
  let frozen: number | undefined;
  const thaw = () => {
    if (frozen === undefined) return;
    try {
      process.kill(frozen, "SIGCONT");
    } catch {
      // already gone
    }
    frozen = undefined;
  };
  const postmasterPid = () => {
    const file = path.join(dataDir, "postmaster.pid");
    if (!running || !existsSync(file)) return undefined;
    return Number(readFileSync(file, "utf8").split("\n")[0]);
  };
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const databaseUrl = (name: string) => `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(name)}`;

  const start = async () => {
    await withLog("pg_ctl start", tool("pg_ctl", ["start", "-D", dataDir, "-l", logFile, "-w", "-t", "60"]));
    running = true;
  };
  const stop = async () => {
    thaw();
    await withLog("pg_ctl stop", tool("pg_ctl", ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "60"]));
    running = false;
  };

  // Last resort if the test process ends without destroy(): never leave a postmaster behind.
  const onExit = () => {
    thaw();
    if (!running) return;
    try {
      const args = ["stop", "-D", dataDir, "-m", "immediate", "-w", "-t", "20"];
      if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", path.join(bin, "pg_ctl"), ...args], { stdio: "ignore" });
      else execFileSync(path.join(bin, "pg_ctl"), args, { stdio: "ignore" });
    } catch {
      // nothing more to do at exit
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", onExit);

  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    process.removeListener("exit", onExit);
    throw error;
  }

  return {
    url,
    port,
    dir,
    databaseUrl,
    async createDatabase(name) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      } finally {
        await client.end();
      }
      return databaseUrl(name);
    },
    start,
    stop,
    async restart() {
      await stop();
      await start();
    },
    async destroy() {
      thaw();
      if (running) {
        await tool("pg_ctl", ["stop", "-D", dataDir, "-m", "immediate", "-w", "-t", "30"]).catch(() => {});
        running = false;
      }
      process.removeListener("exit", onExit);
      rmSync(dir, { recursive: true, force: true });
    },
    pid: postmasterPid,
    freeze() {
      const pid = postmasterPid();
      if (pid === undefined) throw new Error("cannot freeze: the server is not running");
      process.kill(pid, "SIGSTOP");
      frozen = pid;
    },
    thaw,
  };
}
