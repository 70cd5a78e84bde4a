import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native and WebAssembly packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "pg"],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};

export default nextConfig;
