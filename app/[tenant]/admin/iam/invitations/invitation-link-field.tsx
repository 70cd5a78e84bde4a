"use client";

import { CopyField } from "@/components/ui/copy-field";

/** An invitation (or reset) link, shown once, with "Copy link". `forEmail` names the person where several links share a view. */
export function InvitationLinkField({ link, forEmail, label = "Invitation link" }: { link: string; forEmail?: string; label?: string }) {
  return <CopyField value={link} label={label} copyLabel="Copy link" forEmail={forEmail} />;
}
