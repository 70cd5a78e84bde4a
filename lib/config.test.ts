import { describe, expect, it } from "vitest";
import { parseConfig } from "./config";

describe("parseConfig", () => {
  it("defaults the invitation expiry to seven days and treats empty values as unset", () => {
    const config = parseConfig({ DATABASE_URL: "", RESEND_API_KEY: "  " });
    expect(config.INVITATIONS_EXPIRE_AFTER).toBe("P7D");
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.RESEND_API_KEY).toBeUndefined();
  });

  it.each(["P30D", "PT12H", "P1W", "P1Y2M3DT4H5M6S", "PT1S"])("accepts the ISO-8601 duration %s", (value) => {
    expect(parseConfig({ INVITATIONS_EXPIRE_AFTER: value }).INVITATIONS_EXPIRE_AFTER).toBe(value);
  });

  it.each(["7d", "P", "PT", "P7", "seven days", "P-1D", "P1DT"])("refuses the malformed duration %s with a clear message", (value) => {
    expect(() => parseConfig({ INVITATIONS_EXPIRE_AFTER: value })).toThrow(/INVITATIONS_EXPIRE_AFTER must be an ISO-8601 duration/);
  });

  it("refuses a relative APP_URL and a malformed SUPERADMIN_EMAIL, naming both", () => {
    expect(() => parseConfig({ APP_URL: "iam.example.com", SUPERADMIN_EMAIL: "root" })).toThrow(
      /APP_URL must be an absolute URL[\s\S]*SUPERADMIN_EMAIL must be an email address/,
    );
  });
});
