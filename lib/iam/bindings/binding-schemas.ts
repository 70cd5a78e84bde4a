import { z } from "zod";
import { namespaceNameSchema } from "@/lib/iam/namespaces/namespace-names";

// Shared by the "Add role" dialogs (user page, group page) and their server actions.
export const addBindingSchema = z.object({
  roleId: z.uuid("Choose a role"),
  /** Empty: tenant-wide. Otherwise one binding per namespace. */
  namespaces: z.array(namespaceNameSchema).max(50, "Choose at most 50 namespaces").default([]),
});

export type AddBindingInput = z.infer<typeof addBindingSchema>;

export const bindingIdSchema = z.uuid("That binding does not exist");
