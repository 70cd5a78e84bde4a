import { availableParallelism } from "node:os";
import type { TestProject } from "vitest/node";
import { migrate } from "../lib/db/migrate";
import { copyDatabase, createDatabase, dropDatabase } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    /** One database per worker slot (VITEST_POOL_ID 1, 2, …): test/setup-env.ts picks its own. */
    databaseUrls: string[];
  }
}

// A freshly created, migrated database per test run, dropped afterwards — one per worker: test files run on several
// workers at once, and each worker gets a copy of its own (CREATE DATABASE … TEMPLATE, much faster than migrating
// again). A worker runs its files one after another on its database, as every file once ran on the one database, so
// no two files that run at the same time share one: a file that counts or deletes all users sees only its own.
export default async function setup(project: TestProject) {
  const migrated = await createDatabase();
  await migrate(migrated.url, { log: () => {} });
  const copies: { name: string; url: string }[] = [];
  for (let slot = 1; slot <= (project.config.maxWorkers ?? availableParallelism()); slot++) {
    copies.push(await copyDatabase(migrated.name, `${migrated.name}_w${slot}`));
  }
  project.provide(
    "databaseUrls",
    copies.map((copy) => copy.url),
  );
  return async () => {
    for (const database of [...copies, migrated]) await dropDatabase(database.name);
  };
}
