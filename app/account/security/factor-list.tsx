"use client";

import { RelativeTime } from "@/components/relative-time";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Cell, EmptyRow, HeaderCell, Table } from "@/components/ui/table";
import { FACTOR_KIND_LABELS, type FactorKind } from "@/lib/iam/mfa/factor-kinds";
import { removeFactorAction } from "./actions";

export interface FactorRow {
  id: string;
  kind: FactorKind;
  name: string;
  addedAt: Date;
  lastUsedAt: Date | null;
}


/** The person's factors, each removable (the last one turns two-factor authentication off: the dialog says so). */
export function FactorList({ factors }: { factors: FactorRow[] }) {
  const router = useRouter();
  return (
    <div className="space-y-2">
      <Table caption="Your second factors">
        <thead>
          <tr>
            <HeaderCell>Name</HeaderCell>
            <HeaderCell>Type</HeaderCell>
            <HeaderCell>Added</HeaderCell>
            <HeaderCell>Last used</HeaderCell>
            <HeaderCell actions />
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {factors.length === 0 && <EmptyRow columns={5}>No second factor yet: your password alone signs you in.</EmptyRow>}
          {factors.map((factor) => (
            <tr key={factor.id}>
              <Cell className="font-medium text-slate-900">{factor.name}</Cell>
              <Cell>
                <Badge tone={factor.kind === "PASSKEY" ? "brand" : undefined}>{FACTOR_KIND_LABELS[factor.kind]}</Badge>
              </Cell>
              <Cell>
                <RelativeTime date={factor.addedAt} />
              </Cell>
              <Cell>
                <RelativeTime date={factor.lastUsedAt} />
              </Cell>
              <Cell className="text-right">
                <ConfirmDialog
                  trigger={
                    <Button variant="secondary" aria-label={`Remove ${factor.name}`}>
                      Remove
                    </Button>
                  }
                  title={`Remove ${factor.name}?`}
                  description={
                    factors.length === 1
                      ? "It is your only factor: two-factor authentication turns off and your recovery codes stop working. Tenants that require it will ask you to set it up again."
                      : "It will no longer sign you in. Your other factors and recovery codes keep working."
                  }
                  confirmLabel="Remove"
                  onConfirm={() => removeFactorAction(factor.id)}
                  doneMessage={`${factor.name} was removed.`}
                  onDone={() => router.refresh()}
                />
              </Cell>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
