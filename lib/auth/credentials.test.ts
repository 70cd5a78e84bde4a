import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/iam/passwords/password-hashing";
import { authenticateWithPassword } from "./credentials";

const PASSWORD = "a-long-enough-password";
const email = `credentials-${Date.now()}@test.example`;
let userId: string;

beforeAll(async () => {
  const user = await db().user.create({
    data: { email, firstName: "Ada", lastName: "Lovelace", passwordHash: await hashPassword(PASSWORD) },
  });
  userId = user.id;
});

afterAll(async () => {
  await db().user.deleteMany({ where: { email: { endsWith: "@test.example" } } });
});

describe("authenticateWithPassword (real PostgreSQL)", () => {
  it("signs in with the right password, whatever the email's case, and records the sign-in", async () => {
    const user = await authenticateWithPassword(email.toUpperCase(), PASSWORD);
    expect(user).toEqual({ id: userId, email, name: "Ada Lovelace" });
    const stored = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(stored.lastLoginAt).toBeInstanceOf(Date);
  });

  it("answers null alike for a wrong password, an unknown email and an SSO-only account", async () => {
    await db().user.create({ data: { email: `sso-only-${Date.now()}@test.example` } });
    expect(await authenticateWithPassword(email, "wrong-password-here")).toBeNull();
    expect(await authenticateWithPassword(`nobody-${Date.now()}@test.example`, PASSWORD)).toBeNull();
    expect(await authenticateWithPassword(`sso-only-${Date.now()}@test.example`, PASSWORD)).toBeNull();
  });

  it("refuses a disabled user even with the right password", async () => {
    await db().user.update({ where: { id: userId }, data: { disabled: true } });
    expect(await authenticateWithPassword(email, PASSWORD)).toBeNull();
    await db().user.update({ where: { id: userId }, data: { disabled: false } });
  });

  it("stores emails lower-cased only: the database refuses a mixed-case email", async () => {
    await expect(db().user.create({ data: { email: "Mixed.Case@test.example" } })).rejects.toThrow();
  });
});
