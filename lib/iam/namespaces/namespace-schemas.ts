import { z } from "zod";
import { namespaceNameSchema } from "@/lib/iam/namespaces/namespace-names";

// Shared by the "Add namespace" form and its server action.
export const addNamespaceSchema = z.object({
  name: namespaceNameSchema,
  /** Also register the missing ancestors (adding a.b.c adds a and a.b); see lib/iam/namespaces/namespace-registry.ts. */
  createParents: z.boolean().default(true),
});

export type AddNamespaceValues = z.input<typeof addNamespaceSchema>;
export type AddNamespaceInput = z.output<typeof addNamespaceSchema>;

export const deleteNamespaceSchema = namespaceNameSchema;
