// Next.js calls register() once when a server instance starts. On the Node.js runtime it starts the email outbox
// worker (lib/email/outbox-worker.ts), which sends queued invitation emails in the background.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startOutboxWorker } = await import("./lib/email/outbox-worker");
    startOutboxWorker();
  }
}
