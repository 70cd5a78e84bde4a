"use client";

import { ThemeProvider, useTheme } from "next-themes";
import { Toaster } from "sonner";

/**
 * What every page shares in the browser: the theme (the system's setting unless the user chose one in the user menu;
 * next-themes sets the class on <html> from an inline script carrying the request's CSP nonce, before first paint, so
 * a dark page never flashes white) and the toaster that confirms each change (components/notify.ts).
 */
export function AppProviders({ nonce, children }: { nonce: string | undefined; children: React.ReactNode }) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      {children}
      <ThemedToaster />
    </ThemeProvider>
  );
}

function ThemedToaster() {
  const { resolvedTheme } = useTheme();
  return (
    <Toaster
      theme={resolvedTheme === "dark" ? "dark" : "light"}
      position="bottom-right"
      closeButton
      // Sonner's own palette: its success/error text colours are not all 4.5:1 on their fills; ours are.
      toastOptions={{ classNames: { toast: "!bg-surface !text-slate-900 !border-slate-200", description: "!text-slate-600" } }}
    />
  );
}
