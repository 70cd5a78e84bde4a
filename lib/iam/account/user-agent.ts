import Bowser from "bowser";

/**
 * "Firefox 133 on macOS", from a stored User-Agent header, for the session list. Bowser (not a hand-written regex
 * list) knows the hundreds of browsers and systems; a header it cannot read says so rather than guessing.
 */
export function describeUserAgent(userAgent: string): { browser: string; os: string } {
  if (!userAgent.trim()) return { browser: "Unknown browser", os: "unknown system" };
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split(".")[0];
  const browser = parsed.browser.name ? [parsed.browser.name, major].filter(Boolean).join(" ") : "Unknown browser";
  const os = parsed.os.name ? [parsed.os.name, parsed.os.versionName ?? parsed.os.version?.split(".")[0]].filter(Boolean).join(" ") : "unknown system";
  return { browser, os };
}
