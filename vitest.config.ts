import { availableParallelism } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // `server-only` throws outside React Server Components; tests call server code directly.
      "server-only": path.join(import.meta.dirname, "test", "server-only-stub.ts"),
    },
  },
  test: {
    include: ["{lib,app,components,scripts,prisma}/**/*.test.{ts,tsx}"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-env.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker less than there are cores: one, here. The files wait on PostgreSQL a good part
    // of the time, so two workers on two cores finish much sooner; each has a database of its own (test/global-setup.ts).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // next-auth imports `next/server` without an extension, which only a bundler resolves.
    server: { deps: { inline: ["next-auth"] } },
  },
});
