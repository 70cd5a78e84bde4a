import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "IAM Console", template: "%s · IAM Console" },
  description: "Identity and access management for your tenants.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
