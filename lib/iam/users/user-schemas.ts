import { z } from "zod";

export const userIdSchema = z.uuid("Unknown user");
export const membershipSchema = z.object({ groupId: z.uuid("Choose a group") });
export const bindingIdSchema = z.uuid("Unknown binding");
