"use client";

import { StatusPage } from "@/components/status-page";

// Never shows the error itself: the digest lets an operator find the details in the server log.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage code="Error" title="Something went wrong">
      <p>The page could not be loaded. Try again in a moment.</p>
      {error.digest && <p className="text-sm">Reference: {error.digest}</p>}
      <button type="button" onClick={reset} className="rounded-md bg-action px-3 py-2 text-sm font-medium text-white hover:bg-action-hover">
        Try again
      </button>
    </StatusPage>
  );
}
