"use client";

import dynamic from "next/dynamic";
import { Button } from "@/components/ui/button";

// Loaded after the page is interactive, as the Invite dialog is (invite-dialog-lazy.tsx), for the Users page's budget.
export const LazyCreateUserDialog = dynamic(() => import("./create-user-dialog").then((module) => module.CreateUserDialog), {
  ssr: false,
  loading: () => (
    <Button variant="secondary" disabled>
      Create user
    </Button>
  ),
});
