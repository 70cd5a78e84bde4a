import { z } from "zod";

/**
 * At most this many rows in one bulk action. A tab's "select all on this page" selects 25; the cap bounds what one
 * transaction locks and writes when the request is forged.
 */
export const MAX_SELECTED = 100;

/**
 * The ids a bulk action is given: 1–MAX_SELECTED uuids, lower-cased and each once (PostgreSQL reads an upper-case
 * uuid as the same row, which would otherwise be reported twice). The count is checked before the items, so a forged
 * list of thousands is one refusal, not one message per item.
 */
export function idSelectionSchema(noun: { one: string; many: string }) {
  return z
    .array(z.unknown())
    .min(1, `Select at least one ${noun.one}.`)
    .max(MAX_SELECTED, `Select at most ${MAX_SELECTED} ${noun.many} at once.`)
    .pipe(z.array(z.uuid(`Unknown ${noun.one}`)))
    .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))]);
}
