"use client";

import { RelativeTime } from "@/components/relative-time";
import { formatRelative } from "@/lib/format";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { plural } from "@/lib/format";
import { endOtherSessionsAction, endSessionAction } from "./actions";

export interface SessionRow {
  id: string;
  browser: string;
  os: string;
  address: string | null;
  signedInAt: Date;
  lastSeenAt: Date;
  isCurrent: boolean;
  signedInWith: string;
}

/** One row per live session; any but the current one can be signed out, or all of them at once. */
export function SessionsTable({ sessions }: { sessions: SessionRow[] }) {
  const router = useRouter();
  const others = sessions.filter((session) => !session.isCurrent).length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {others > 0 && (
          <ConfirmDialog
            trigger={<Button variant="secondary">Sign out everywhere else</Button>}
            title="Sign out everywhere else?"
            description={`${plural(others, "other session")} will be signed out at their next request, on every device. This session stays signed in.`}
            confirmLabel="Sign out everywhere else"
            onConfirm={endOtherSessionsAction}
            doneMessage={"Every other session was signed out."}
            onDone={() => router.refresh()}
          />
        )}
      </div>
      <Table caption="Your active sessions">
        <thead>
          <tr>
            <HeaderCell>Device</HeaderCell>
            <HeaderCell>Address</HeaderCell>
            <HeaderCell>Signed in with</HeaderCell>
            <HeaderCell>Signed in</HeaderCell>
            <HeaderCell>Last seen</HeaderCell>
            <HeaderCell actions />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {sessions.length === 0 && <EmptyRow columns={6}>No active sessions.</EmptyRow>}
          {sessions.map((session) => (
            <tr key={session.id}>
              <Cell>
                <span className="font-medium text-slate-900">{session.browser}</span> on {session.os}
                {session.isCurrent && (
                  <Badge tone="brand" className="ml-2">
                    This session
                  </Badge>
                )}
              </Cell>
              <Cell>{session.address ?? <span className="text-slate-600">Unknown</span>}</Cell>
              <Cell>{session.signedInWith || <span className="text-slate-600">Unknown</span>}</Cell>
              <Cell>
                <RelativeTime date={session.signedInAt} />
              </Cell>
              <Cell>
                <RelativeTime date={session.lastSeenAt} />
              </Cell>
              <Cell className="text-right">
                {!session.isCurrent && (
                  <ConfirmDialog
                    trigger={
                      <Button variant="secondary" aria-label={`Sign out ${session.browser} on ${session.os}, last seen ${formatRelative(session.lastSeenAt, new Date())}`}>
                        Sign out
                      </Button>
                    }
                    title={`Sign out ${session.browser} on ${session.os}?`}
                    description="That session is signed out at its next request, on every instance. Whoever uses it will have to sign in again."
                    confirmLabel="Sign out"
                    onConfirm={() => endSessionAction(session.id)}
                    doneMessage={`${session.browser} on ${session.os} was signed out.`}
                    onDone={() => router.refresh()}
                  />
                )}
              </Cell>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
