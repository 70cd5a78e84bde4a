import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// The zero-setup default: PGlite (PostgreSQL compiled to WebAssembly) served over its socket server, so the
// app talks to it with the same `pg` driver and SQL as a real server. Not `server-only`: the launcher runs it.

export interface EmbeddedPostgres {
  url: string;
  /** false when another process on this machine already serves the same data directory */
  isOwner: boolean;
  stop(): Promise<void>;
}

interface ServerRecord {
  pid: number;
  port: number;
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const recordFile = path.join(dataDir, "embedded-postgres.json");

  // PGlite is single-process: a second app instance on the same data directory shares the first one's server.
  const running = readRecord(recordFile);
  if (running && isAlive(running.pid) && (await accepts(running.port))) {
    return { url: urlFor(running.port), isOwner: false, stop: async () => {} };
  }

  // Extensions the migrations create must be compiled into PGlite's WebAssembly build and loaded here.
  const db = await PGlite.create({ dataDir: path.join(dataDir, "pglite"), extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 16 });
  await server.start();
  const port = listeningPort(server);
  writeFileSync(recordFile, JSON.stringify({ pid: process.pid, port } satisfies ServerRecord));

  return {
    url: urlFor(port),
    isOwner: true,
    async stop() {
      await server.stop();
      await db.close();
      rmSync(recordFile, { force: true });
    },
  };
}

function urlFor(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
}

function listeningPort(server: PGLiteSocketServer): number {
  const address = server.getServerConn();
  const port = Number(address.split(":").pop());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`Embedded PostgreSQL did not report its port (${address})`);
  return port;
}

function readRecord(file: string): ServerRecord | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ServerRecord;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}
