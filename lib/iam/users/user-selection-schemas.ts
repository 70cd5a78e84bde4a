import { z } from "zod";
import { idSelectionSchema } from "@/lib/iam/id-selection";

/** The users a bulk Disable or Enable is given (the Users tab's selection). */
export const userSelectionSchema = idSelectionSchema({ one: "user", many: "users" });

export const setUsersDisabledSchema = z.object({ userIds: userSelectionSchema, isDisabled: z.boolean() });
