import { describe, expect, it } from "vitest";
import { createOutboxWorker } from "./outbox-worker";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("the outbox worker loop", () => {
  it("never overlaps itself: a wake during a run makes one more run right after it", async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const worker = createOutboxWorker(async () => {
      running += 1;
      most = Math.max(most, running);
      runs += 1;
      await tick();
      running -= 1;
    });
    worker.wake();
    for (let i = 0; i < 10; i++) worker.wake();
    await worker.idle();
    expect(most).toBe(1);
    expect(runs).toBe(2);
    worker.wake();
    await worker.idle();
    expect(runs).toBe(3);
  });

  it("logs a failing run in one line, without throwing, and keeps working", async () => {
    const lines: string[] = [];
    let calls = 0;
    const worker = createOutboxWorker(async () => {
      calls += 1;
      if (calls === 1) throw new Error("connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect");
    }, (line) => lines.push(line));
    expect(() => worker.wake()).not.toThrow();
    await worker.idle();
    expect(lines).toEqual(["[email] outbox run failed: Error: connect ECONNREFUSED 127.0.0.1:5432 at TCPConnectWrap.afterConnect"]);
    worker.wake();
    await worker.idle();
    expect(calls).toBe(2);
    expect(lines).toHaveLength(1);
  });

  it("cuts a long error short", async () => {
    const lines: string[] = [];
    const worker = createOutboxWorker(async () => Promise.reject(new Error("x".repeat(5_000))), (line) => lines.push(line));
    worker.wake();
    await worker.idle();
    expect(lines[0].length).toBeLessThanOrEqual(300);
  });
});
