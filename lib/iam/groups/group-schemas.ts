import { z } from "zod";
import { refuseMixedScripts } from "@/lib/iam/names/mixed-scripts";
import { optionalSearchText, optionalText, withoutControlCharacters } from "@/lib/pagination/url-text";

// Shared by the group dialogs and their server actions. Names are shown in tables, audit entries and pickers,
// so they are single-line printable text: no control or invisible formatting characters (which can spoof
// another group's name) and no angle brackets (a name is a label, never markup). NFC and one alphabet per name
// (lib/iam/names/mixed-scripts.ts) keep look-alikes out; the database refuses the rest by look-alike key (lib/iam/names/look-alikes.ts).
const NAME_FORBIDDEN = /[\p{C}<>]/u;
// Descriptions may span lines, but get no other control or invisible formatting characters either.
const DESCRIPTION_FORBIDDEN = /[^\P{C}\n\t]/u;

export const GROUP_NAME_MAX = 100;
export const GROUP_DESCRIPTION_MAX = 500;

export const groupNameSchema = z
  .string()
  .trim()
  .normalize("NFC")
  .min(1, "Enter a name")
  .max(GROUP_NAME_MAX, `A group name has at most ${GROUP_NAME_MAX} characters`)
  .refine((name) => !NAME_FORBIDDEN.test(name), "Use letters, digits, spaces and punctuation other than < and >")
  .superRefine(refuseMixedScripts);

export const groupDescriptionSchema = z
  .string()
  .trim()
  .max(GROUP_DESCRIPTION_MAX, `A description has at most ${GROUP_DESCRIPTION_MAX} characters`)
  .transform((description) => description.replace(/\r\n/g, "\n"))
  .refine((description) => !DESCRIPTION_FORBIDDEN.test(description), "Remove the control characters");

/** The "Create group" and "Edit group" forms. */
export const groupFormSchema = z.object({
  name: groupNameSchema,
  description: groupDescriptionSchema.default(""),
});

export const groupIdSchema = z.uuid("That group does not exist");

export const groupMemberSchema = z.object({
  groupId: groupIdSchema,
  userId: z.uuid("Choose a user"),
});

export const MEMBER_SEARCH_MAX = 200;

/** The "Add member" picker's search: terms matched against email, first and last name, like the Users tab's. */
export const memberSearchSchema = z.object({
  groupId: groupIdSchema,
  q: z.preprocess(
    withoutControlCharacters,
    z.string().trim().max(MEMBER_SEARCH_MAX, `Search with at most ${MEMBER_SEARCH_MAX} characters`).default(""),
  ),
});

/** The group page's members list, from its URL: a search and a keyset cursor (see list-group-members.ts). */
export const groupMemberFiltersSchema = z.object({
  q: optionalSearchText(MEMBER_SEARCH_MAX),
  after: optionalText(2048),
  before: optionalText(2048),
});

export type GroupMemberFilters = z.infer<typeof groupMemberFiltersSchema>;

/** The Groups tab's URL state: a search by name and a keyset cursor (see listGroups). */
export const groupListFiltersSchema = z.object({
  q: optionalSearchText(GROUP_NAME_MAX),
  after: optionalText(2048),
  before: optionalText(2048),
});

export type GroupListFilters = z.infer<typeof groupListFiltersSchema>;


export type GroupFormInput = z.input<typeof groupFormSchema>;
export type GroupForm = z.output<typeof groupFormSchema>;
