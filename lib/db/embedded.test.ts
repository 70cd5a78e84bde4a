import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { startEmbeddedPostgres } from "./embedded";
import { migrate } from "./migrate";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "iam-embedded-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function count(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe("embedded PostgreSQL (PGlite over its socket server)", () => {
  it("migrates and seeds like a real server, shares itself with a second instance, and keeps its data across restarts", async () => {
    const first = await startEmbeddedPostgres(dataDir);
    expect(first.isOwner).toBe(true);
    try {
      expect((await migrate(first.url, { log: () => {} })).applied.length).toBeGreaterThan(0);
      await seed(first.url, { isProduction: false });
      expect(await count(first.url, "roles")).toBe(5);

      const second = await startEmbeddedPostgres(dataDir);
      expect(second).toMatchObject({ isOwner: false, url: first.url });
    } finally {
      await first.stop();
    }

    const restarted = await startEmbeddedPostgres(dataDir);
    try {
      expect((await migrate(restarted.url, { log: () => {} })).applied).toEqual([]);
      expect(await count(restarted.url, "users")).toBe(1);
    } finally {
      await restarted.stop();
    }
  }, 120_000);
});
