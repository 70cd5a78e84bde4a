import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security/headers";

const nextConfig: NextConfig = {
  // Native and WebAssembly packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "pg"],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // The request-independent protective headers for what proxy.ts does not run on (its matcher skips Next's static
  // files and the icons). Everything else gets the full set, CSP with a per-request nonce included, from proxy.ts.
  async headers() {
    const headers = Object.entries(STATIC_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));
    return ["/_next/static/:path*", "/_next/image", "/favicon.ico", "/icon.svg"].map((source) => ({ source, headers }));
  },
};

export default nextConfig;
