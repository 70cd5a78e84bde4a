import "server-only";
import { config } from "@/lib/config";
import { processOutbox, pruneOutbox, RESEND_BATCH_LIMIT } from "@/lib/email/outbox";
import { isEmailConfigured } from "@/lib/email/resend";

// The in-process outbox worker, started by instrumentation.ts on every instance that has email configured. It
// polls every OUTBOX_POLL_MS and is woken at once after an invitation is queued, so the Invitations tab usually shows
// Sent within a moment. Runs never overlap within a process (other instances are kept apart by SKIP LOCKED), and a
// failing run is logged in one line and never crashes the process.

export interface OutboxWorker {
  /** Runs now, or right after the current run when one is in progress. Never throws, never waits. */
  wake(): void;
  /** Resolves when no run is in progress (tests). */
  idle(): Promise<void>;
}

export function createOutboxWorker(run: () => Promise<void>, log: (line: string) => void = console.error): OutboxWorker {
  let current: Promise<void> | null = null;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      try {
        await run();
      } catch (error) {
        // The message only: database and API errors name the failure, never an email body or its token.
        log(`[email] outbox run failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`.replace(/\s+/g, " ").slice(0, 300));
      }
    } while (again);
  };
  return {
    wake() {
      if (current) {
        again = true;
        return;
      }
      current = loop().finally(() => (current = null));
    },
    idle: async () => {
      while (current) await current;
    },
  };
}

const PRUNE_EVERY_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
let lastPrunedAt = 0;

/**
 * One run: batches until the queue has no more due rows (or a batch failed, to be retried after its backoff); then,
 * at most hourly, deletes ended rows older than OUTBOX_RETENTION_DAYS, so the table stays the size of that window.
 */
export async function drainOutbox(): Promise<void> {
  for (;;) {
    const run = await processOutbox({ batchSize: RESEND_BATCH_LIMIT });
    if (run.claimed < RESEND_BATCH_LIMIT || run.retrying + run.dead > 0) break;
  }
  if (Date.now() - lastPrunedAt >= PRUNE_EVERY_MS) {
    lastPrunedAt = Date.now();
    await pruneOutbox(new Date(Date.now() - config().OUTBOX_RETENTION_DAYS * DAY_MS));
  }
}

// On globalThis: Next bundles instrumentation.ts and the server actions separately, and both must reach one worker.
const registry = globalThis as unknown as { outboxWorker?: { worker: OutboxWorker; timer: NodeJS.Timeout } };

/** Starts this process's worker (idempotent); without email configured there is nothing to send and nothing starts. */
export function startOutboxWorker(): void {
  if (registry.outboxWorker || !isEmailConfigured()) return;
  const worker = createOutboxWorker(drainOutbox);
  const timer = setInterval(() => worker.wake(), config().OUTBOX_POLL_MS);
  timer.unref();
  registry.outboxWorker = { worker, timer };
  worker.wake();
}

/** Called after an email is queued (fire-and-forget); a no-op where no worker runs (tests, scripts). */
export function wakeOutboxWorker(): void {
  registry.outboxWorker?.worker.wake();
}
