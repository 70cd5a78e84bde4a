import { z } from "zod";

export const userIdSchema = z.uuid("Unknown user");
export const membershipSchema = z.object({ groupId: z.uuid("Choose a group") });
