import { beforeAll, describe, expect, it } from "vitest";
import type { TenantActor } from "@/lib/iam/authz/actor";
import { db } from "@/lib/db/client";
import { Forbidden } from "@/lib/iam/errors";
import { hashToken, newToken } from "@/lib/iam/invitations/invitation-tokens";
import { actorFor, bind, createMember, createTenant, superAdminActor } from "@/test/fixtures";
import { invitationOutcomes, OUTCOME_DAYS, type OutcomeDay } from "./invitation-outcomes";

// Late in a UTC day, so "today" and the window's first day are easy to reach either side of midnight.
const NOW = new Date("2030-06-15T21:30:00.000Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Midnight UTC at the start of the window's first day: 2030-05-17. */
const WINDOW_START = new Date("2030-05-17T00:00:00.000Z");

let tenant: string;
let root: TenantActor;

interface Timestamps {
  createdAt: string;
  expiresAt: string;
  acceptedAt?: string;
  revokedAt?: string;
  namespaces?: string[];
}

async function arrange(tenantId: string, times: Timestamps) {
  await db().invitation.create({
    data: {
      tenantId,
      email: `outcome-${newToken().slice(0, 10).toLowerCase()}@outcomes.test`,
      tokenHash: hashToken(newToken()),
      createdAt: new Date(times.createdAt),
      sentAt: new Date(times.createdAt),
      expiresAt: new Date(times.expiresAt),
      acceptedAt: times.acceptedAt ? new Date(times.acceptedAt) : null,
      revokedAt: times.revokedAt ? new Date(times.revokedAt) : null,
      namespaces: times.namespaces ?? [],
    },
  });
}

const nonZero = (days: OutcomeDay[]) =>
  Object.fromEntries(
    days
      .filter((day) => day.sent || day.accepted || day.expired || day.revoked)
      .map(({ day, ...counts }) => [day, Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0))]),
  );

beforeAll(async () => {
  tenant = await createTenant();
  root = await superAdminActor(tenant);
  const otherTenant = await createTenant();

  // Before the window: neither its sending nor its outcome (also before the window) counts.
  await arrange(tenant, { createdAt: "2030-05-16T23:59:59.999Z", expiresAt: "2030-05-16T23:59:59.999Z" });
  // Sent just before the window, accepted inside it: only the acceptance counts.
  await arrange(tenant, { createdAt: "2030-05-16T12:00:00.000Z", expiresAt: "2030-05-23T12:00:00.000Z", acceptedAt: "2030-05-17T00:00:00.000Z" });
  // The window's first instant, and the last millisecond of a day next to the first of the next.
  await arrange(tenant, { createdAt: "2030-05-17T00:00:00.000Z", expiresAt: "2030-07-01T00:00:00.000Z" });
  await arrange(tenant, { createdAt: "2030-06-01T23:59:59.999Z", expiresAt: "2030-07-01T00:00:00.000Z" });
  await arrange(tenant, { createdAt: "2030-06-02T00:00:00.000Z", expiresAt: "2030-07-01T00:00:00.000Z" });
  // Expired inside the window; one that expired and was revoked later counts as revoked, not expired.
  await arrange(tenant, { createdAt: "2030-06-01T10:00:00.000Z", expiresAt: "2030-06-08T10:00:00.000Z" });
  await arrange(tenant, { createdAt: "2030-06-01T11:00:00.000Z", expiresAt: "2030-06-08T11:00:00.000Z", revokedAt: "2030-06-10T09:00:00.000Z" });
  // Accepted before it would have expired: accepted only, even though its expiry has passed since.
  await arrange(tenant, { createdAt: "2030-06-01T12:00:00.000Z", expiresAt: "2030-06-08T12:00:00.000Z", acceptedAt: "2030-06-03T08:00:00.000Z" });
  // Today: sent and revoked; sent and accepted; and one whose expiry is later today, so not expired yet.
  await arrange(tenant, { createdAt: "2030-06-15T08:00:00.000Z", expiresAt: "2030-06-22T08:00:00.000Z", revokedAt: "2030-06-15T09:00:00.000Z" });
  await arrange(tenant, { createdAt: "2030-06-15T08:30:00.000Z", expiresAt: "2030-06-22T08:30:00.000Z", acceptedAt: "2030-06-15T21:29:59.999Z" });
  await arrange(tenant, { createdAt: "2030-06-08T22:00:00.000Z", expiresAt: "2030-06-15T22:00:00.000Z" });
  // Expired earlier today.
  await arrange(tenant, { createdAt: "2030-06-08T20:00:00.000Z", expiresAt: "2030-06-15T20:00:00.000Z", namespaces: ["company"] });
  // Another tenant's invitations never count.
  await arrange(otherTenant, { createdAt: "2030-06-15T08:00:00.000Z", expiresAt: "2030-06-15T09:00:00.000Z" });
});

describe("invitation outcomes over the last 30 days (real PostgreSQL)", () => {
  it("has one entry per UTC day, oldest first, ending today", async () => {
    const days = await invitationOutcomes(root, NOW);
    expect(days).toHaveLength(OUTCOME_DAYS);
    expect(days[0].day).toBe(WINDOW_START.toISOString().slice(0, 10));
    expect(days.at(-1)!.day).toBe("2030-06-15");
    expect(new Set(days.map((day) => day.day)).size).toBe(OUTCOME_DAYS);
    expect(days.map((day) => day.day)).toEqual([...days.map((day) => day.day)].sort());
    expect(new Date(`${days.at(-1)!.day}T00:00:00Z`).getTime() - new Date(`${days[0].day}T00:00:00Z`).getTime()).toBe((OUTCOME_DAYS - 1) * DAY);
  });

  it("buckets each sending and each outcome on its UTC day, by the rules of invitationStatus", async () => {
    expect(nonZero(await invitationOutcomes(root, NOW))).toEqual({
      "2030-05-17": { sent: 1, accepted: 1 },
      "2030-06-01": { sent: 4 },
      "2030-06-02": { sent: 1 },
      "2030-06-03": { accepted: 1 },
      "2030-06-08": { sent: 2, expired: 1 },
      "2030-06-10": { revoked: 1 },
      "2030-06-15": { sent: 2, accepted: 1, revoked: 1, expired: 1 },
    });
  });

  it("counts what has happened by `now`: an hour later, today's invitation has expired and the first day is gone", async () => {
    const later = await invitationOutcomes(root, new Date(NOW.getTime() + HOUR));
    expect(later.at(-1)).toEqual({ day: "2030-06-15", sent: 2, accepted: 1, revoked: 1, expired: 2 });
    const nextDay = await invitationOutcomes(root, new Date(NOW.getTime() + 3 * HOUR));
    expect(nextDay[0].day).toBe("2030-05-18");
    expect(nextDay.at(-1)).toEqual({ day: "2030-06-16", sent: 0, accepted: 0, revoked: 0, expired: 0 });
    expect(nonZero(nextDay)["2030-05-17"]).toBeUndefined();
  });

  it("counts for a namespace admin only the invitations confined to their namespaces", async () => {
    const admin = await createMember(tenant);
    await bind(tenant, admin.id, "Admin", "company");
    expect(nonZero(await invitationOutcomes(await actorFor(admin.id, tenant), NOW))).toEqual({
      "2030-06-08": { sent: 1 },
      "2030-06-15": { expired: 1 },
    });
  });

  it("refuses someone without INVITATION:READ anywhere", async () => {
    const viewer = await createMember(tenant);
    await bind(tenant, viewer.id, "Viewer");
    await expect(invitationOutcomes(await actorFor(viewer.id, tenant), NOW)).rejects.toBeInstanceOf(Forbidden);
  });
});
