import type { TestProject } from "vitest/node";
import { migrate } from "../lib/db/migrate";
import { createDatabase, dropDatabase } from "./database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

// One freshly created, migrated database per test run, dropped afterwards.
export default async function setup(project: TestProject) {
  const database = await createDatabase();
  await migrate(database.url, { log: () => {} });
  project.provide("databaseUrl", database.url);
  return async () => {
    await dropDatabase(database.name);
  };
}
