"use client";

import dynamic from "next/dynamic";
import { Button } from "@/components/ui/button";

// The dialog's form stack (react-hook-form, zod, the result views) is loaded after the page is interactive, so the
// Users page's first-load JavaScript stays within its budget (npm run bench -- --check). Until then the button is
// shown disabled, so the layout does not shift.
export const LazyInviteDialog = dynamic(() => import("./invite-dialog").then((module) => module.InviteDialog), {
  ssr: false,
  loading: () => <Button disabled>Invite</Button>,
});
