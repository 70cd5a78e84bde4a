import "server-only";
import { createHash } from "node:crypto";
import type { Resend } from "resend";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { sqlTimestamp } from "@/lib/db/sql-timestamp";
import type { Tx } from "@/lib/db/types";
import type { EmailMessage } from "@/lib/email/invitation-message";
import { emailFrom, resendClient } from "@/lib/email/resend";

// The email outbox (table email_outbox). Invitation emails are queued in the invitation's own transaction and sent
// after it commits by processOutbox, which the in-process worker (outbox-worker.ts) runs every OUTBOX_POLL_MS on
// every instance: rows are claimed with FOR UPDATE SKIP LOCKED, so instances never take the same row. Delivery is
// at least once (a crash between Resend's answer and our update sends again after the claim lapses); Resend's
// idempotency keys absorb such repeats for 24 hours.

/** Resend's batch API takes at most 100 emails per call. */
export const RESEND_BATCH_LIMIT = 100;
/** How long a claimed row stays with its worker before another may take it over (the first one crashed mid-send). */
const CLAIM_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 60 * 60_000;
const MAX_ERROR_LENGTH = 200;

/** An email to queue, tied to what its link opens (an invitation or a password reset) or to nothing (a notice). */
export interface OutboxEmail extends EmailMessage {
  invitationId?: string;
  passwordResetId?: string;
  to: string;
}

/**
 * Queues emails in the caller's transaction: they exist, and go out, only if it commits. One INSERT over unnest()
 * whatever the count (Prisma's createMany costs seconds of JavaScript for a bulk invite of 500, see lib/iam/audit/write-audit.ts).
 */
export async function enqueueEmails(tx: Tx, emails: OutboxEmail[]): Promise<void> {
  if (!emails.length) return;
  const now = sqlTimestamp(new Date());
  const column = <K extends keyof OutboxEmail>(key: K) => emails.map((email) => email[key] ?? null);
  await tx.$executeRaw`
    INSERT INTO email_outbox (id, invitation_id, password_reset_id, "to", subject, html, text, status, attempts, next_attempt_at, created_at)
    SELECT gen_random_uuid(), invitation_id, password_reset_id, "to", subject, html, text, 'QUEUED'::"EmailOutboxStatus", 0, ${now}::timestamp(3), ${now}::timestamp(3)
    FROM unnest(
      ${column("invitationId")}::uuid[], ${column("passwordResetId")}::uuid[], ${column("to")}::text[], ${column("subject")}::text[], ${column("html")}::text[], ${column("text")}::text[]
    ) AS email(invitation_id, password_reset_id, "to", subject, html, text)`;
}

/** An invitation's link changed (resend rotates the token): its unsent emails carry a dead link and are dropped. */
export async function dropUnsentEmails(tx: Tx, invitationId: string): Promise<void> {
  await tx.emailOutbox.updateMany({
    where: { invitationId, status: { in: ["QUEUED", "SENDING"] } },
    data: { status: "DEAD", html: "", text: "", lastError: "Superseded by a newer link" },
  });
}

export interface OutboxOptions {
  /** Rows claimed by this run; sent in calls of up to RESEND_BATCH_LIMIT. */
  batchSize?: number;
  /** Wait after the first failed try, doubled after each further one (OUTBOX_BACKOFF_BASE_MS). */
  backoffBaseMs?: number;
  /** Tries before a row is given up (OUTBOX_MAX_ATTEMPTS). */
  maxAttempts?: number;
}

export interface OutboxRun {
  claimed: number;
  sent: number;
  /** failed this time, to be tried again later */
  retrying: number;
  /** failed for the last time (DEAD, invitation FAILED) */
  dead: number;
  /** not sent because the invitation was revoked, accepted or expired meanwhile */
  cancelled: number;
}

interface ClaimedRow {
  id: string;
  invitationId: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
  pending: boolean;
}

/** Sends the due emails (one batch of them) and records each outcome; safe to run on several instances at once. */
export async function processOutbox(options: OutboxOptions = {}): Promise<OutboxRun> {
  const { batchSize = RESEND_BATCH_LIMIT, backoffBaseMs = config().OUTBOX_BACKOFF_BASE_MS, maxAttempts = config().OUTBOX_MAX_ATTEMPTS } = options;
  const run: OutboxRun = { claimed: 0, sent: 0, retrying: 0, dead: 0, cancelled: 0 };
  const resend = resendClient();
  if (!resend) return run;
  const rows = await claim(batchSize);
  run.claimed = rows.length;

  const cancelled = rows.filter((row) => !row.pending);
  if (cancelled.length) {
    await db().emailOutbox.updateMany({
      where: { id: { in: cancelled.map((row) => row.id) }, status: "SENDING" },
      data: { status: "DEAD", html: "", text: "", lastError: "Not sent: its invitation or reset link is no longer open" },
    });
    run.cancelled = cancelled.length;
  }
  const due = rows.filter((row) => row.pending);
  for (let start = 0; start < due.length; start += RESEND_BATCH_LIMIT) {
    const chunk = due.slice(start, start + RESEND_BATCH_LIMIT);
    const error = await send(resend, chunk);
    if (error === null) {
      await markSent(chunk);
      run.sent += chunk.length;
    } else {
      console.error(`[email] sending ${chunk.length} invitation email(s) failed: ${error}`);
      const { retrying, dead } = await markFailed(chunk, error, { backoffBaseMs, maxAttempts });
      run.retrying += retrying;
      run.dead += dead;
    }
  }
  return run;
}

/** Claims due rows: QUEUED ones whose time has come, and SENDING ones whose claim has lapsed. */
async function claim(batchSize: number): Promise<ClaimedRow[]> {
  return db().$transaction(async (tx) => {
    const now = new Date();
    const rows = await tx.$queryRaw<ClaimedRow[]>`
      SELECT o.id, o.invitation_id AS "invitationId", o."to", o.subject, o.html, o.text, o.attempts,
             CASE
               WHEN o.invitation_id IS NOT NULL THEN (i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > ${now})
               WHEN o.password_reset_id IS NOT NULL THEN (r.used_at IS NULL AND r.superseded_at IS NULL AND r.expires_at > ${now})
               ELSE true
             END AS pending
      FROM email_outbox o
      LEFT JOIN invitations i ON i.id = o.invitation_id
      LEFT JOIN password_resets r ON r.id = o.password_reset_id
      WHERE o.status IN ('QUEUED', 'SENDING') AND o.next_attempt_at <= ${now}
      ORDER BY o.next_attempt_at, o.created_at
      LIMIT ${batchSize}
      FOR UPDATE OF o SKIP LOCKED`;
    if (rows.length) {
      await tx.emailOutbox.updateMany({
        where: { id: { in: rows.map((row) => row.id) } },
        data: { status: "SENDING", nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
      });
    }
    return rows;
  });
}

/** One email: the single-send endpoint; several: the batch endpoint. null on success, else a short error. */
async function send(resend: Resend, rows: ClaimedRow[]): Promise<string | null> {
  const emails = rows.map((row) => ({ from: emailFrom(), to: row.to, subject: row.subject, html: row.html, text: row.text }));
  try {
    const { error } =
      emails.length === 1
        ? await resend.emails.send(emails[0], { idempotencyKey: `outbox/${rows[0].id}` })
        : await resend.batch.send(emails, { idempotencyKey: `outbox/${createHash("sha256").update(rows.map((row) => row.id).join(",")).digest("hex")}` });
    // Resend's error names the API failure (name, message), never the email body with its link.
    return error ? shortError(`${error.name}: ${error.message}`) : null;
  } catch (error) {
    return shortError(error instanceof Error ? `${error.name}: ${error.message}` : "unknown error");
  }
}

/** The invitations among sent or given-up rows, whose delivery status the Invitations tab shows. */
const invitationIds = (rows: { invitationId: string | null }[]) => rows.flatMap((row) => (row.invitationId ? [row.invitationId] : []));

const shortError = (message: string) => message.replace(/\s+/g, " ").slice(0, MAX_ERROR_LENGTH);

/** SENT, and the body with its token cleared; the invitations show Sent. Rows superseded meanwhile are left alone. */
async function markSent(rows: ClaimedRow[]): Promise<void> {
  await db().$transaction(async (tx) => {
    const sent = await tx.emailOutbox.updateManyAndReturn({
      where: { id: { in: rows.map((row) => row.id) }, status: "SENDING" },
      data: { status: "SENT", sentAt: new Date(), html: "", text: "", lastError: null },
      select: { invitationId: true },
    });
    if (sent.length) {
      await tx.invitation.updateMany({ where: { id: { in: invitationIds(sent) } }, data: { deliveryStatus: "SENT" } });
    }
  });
}

/**
 * Deletes the rows of emails that were sent or given up before `before`: their bodies (and links) were cleared when
 * they ended, and the invitation keeps its delivery status, so what goes is only the send history. Queued and
 * sending rows are never touched, however old.
 */
export async function pruneOutbox(before: Date): Promise<number> {
  const { count } = await db().emailOutbox.deleteMany({ where: { status: { in: ["SENT", "DEAD"] }, createdAt: { lt: before } } });
  return count;
}

/** Another try after an exponential backoff, or, after the last try, DEAD (body cleared) and the invitation FAILED. */
async function markFailed(rows: ClaimedRow[], lastError: string, { backoffBaseMs, maxAttempts }: Required<Omit<OutboxOptions, "batchSize">>) {
  const counts = { retrying: 0, dead: 0 };
  const byAttempts = new Map<number, ClaimedRow[]>();
  for (const row of rows) byAttempts.set(row.attempts + 1, [...(byAttempts.get(row.attempts + 1) ?? []), row]);
  await db().$transaction(async (tx) => {
    for (const [attempts, group] of byAttempts) {
      const where = { id: { in: group.map((row) => row.id) }, status: "SENDING" as const };
      if (attempts >= maxAttempts) {
        const dead = await tx.emailOutbox.updateManyAndReturn({
          where,
          data: { status: "DEAD", attempts, lastError, html: "", text: "" },
          select: { invitationId: true },
        });
        if (dead.length) {
          await tx.invitation.updateMany({ where: { id: { in: invitationIds(dead) } }, data: { deliveryStatus: "FAILED" } });
        }
        counts.dead += dead.length;
      } else {
        const delay = Math.min(backoffBaseMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
        const { count } = await tx.emailOutbox.updateMany({
          where,
          data: { status: "QUEUED", attempts, lastError, nextAttemptAt: new Date(Date.now() + delay) },
        });
        counts.retrying += count;
      }
    }
  });
  return counts;
}
