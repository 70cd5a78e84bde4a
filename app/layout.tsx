import type { Metadata } from "next";
import { headers } from "next/headers";
import { connection } from "next/server";
import { AppProviders } from "@/components/app-providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "IAM Console", template: "%s · IAM Console" },
  description: "Identity and access management for your tenants.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, none at build time: the Content-Security-Policy (proxy.ts) allows only scripts
  // carrying this request's nonce, and a prerendered page (the 404, /no-tenant) would ship scripts without it.
  await connection();
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // next-themes sets the theme's class on <html> before React hydrates it.
    <html lang="en" suppressHydrationWarning>
      <body>
        <AppProviders nonce={nonce}>{children}</AppProviders>
      </body>
    </html>
  );
}
