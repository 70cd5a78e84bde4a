// One alphabet per group or role name. Used by their zod schemas (which also normalise names to NFC, so "Café" typed
// as e + combining accent is stored as the precomposed "Café"), so the form, the server action and the domain refuse
// the same names. Framework-free and small enough for the browser; the look-alike keys the database compares are in
// look-alikes.ts, on the server, with the confusables data.

// Every Script value of Unicode (PropertyValueAliases.txt), by its long name. JavaScript has no API that names a
// character's script, only \p{Script=…} tests, so each script is tried in turn. An engine older than the list lacks the
// newest scripts: those are skipped, and their characters are unassigned there (\p{Cn}), which names refuse anyway.
export const SCRIPTS = [
  "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Bassa_Vah", "Batak",
  "Bengali", "Beria_Erfe", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal",
  "Carian", "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian", "Coptic", "Cuneiform", "Cypriot",
  "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan", "Egyptian_Hieroglyphs",
  "Elbasan", "Elymaic", "Ethiopic", "Garay", "Georgian", "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati",
  "Gunjala_Gondi", "Gurmukhi", "Gurung_Khema", "Han", "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew",
  "Hiragana", "Imperial_Aramaic", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi", "Kannada",
  "Katakana", "Kawi", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki", "Khudawadi", "Kirat_Rai", "Lao",
  "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani", "Makasar", "Malayalam",
  "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek", "Mende_Kikakui", "Meroitic_Cursive",
  "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro", "Multani", "Myanmar", "Nabataean", "Nag_Mundari",
  "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu", "Nyiakeng_Puachue_Hmong", "Ogham", "Ol_Chiki", "Ol_Onal",
  "Old_Hungarian", "Old_Italic", "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian", "Old_South_Arabian",
  "Old_Turkic", "Old_Uyghur", "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene", "Pau_Cin_Hau", "Phags_Pa",
  "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra", "Sharada", "Shavian", "Siddham",
  "Sidetic", "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng", "Soyombo", "Sundanese", "Sunuwar", "Syloti_Nagri",
  "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet", "Tai_Yo", "Takri", "Tamil", "Tangsa", "Tangut",
  "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Todhri", "Tolong_Siki", "Toto", "Tulu_Tigalari",
  "Ugaritic", "Vai", "Vithkuqi", "Wancho", "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
] as const;

/**
 * UTS #39's writing systems that mix scripts as a matter of course (its "augmented script sets"): Japanese writes
 * Han, Hiragana and Katakana together, Korean Han and Hangul, Chinese Han and Bopomofo.
 */
const AUGMENTED: Record<string, readonly string[]> = {
  Han: ["Japanese", "Korean", "Han with Bopomofo"],
  Hiragana: ["Japanese"],
  Katakana: ["Japanese"],
  Hangul: ["Korean"],
  Bopomofo: ["Han with Bopomofo"],
};
/** UTS #39 "highly restrictive": these may also be written together with Latin (e.g. "IAM 管理者"). */
const WITH_LATIN = new Set(["Japanese", "Korean", "Han with Bopomofo"]);

/** Digits, spaces, punctuation, combining marks used by every script: they belong to any alphabet. */
const ANY_SCRIPT = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]$/u;

interface ScriptTest {
  name: string;
  /** The script a character belongs to first (what a message names). */
  script: RegExp;
  /** Every script a character is used with, e.g. the Katakana-Hiragana prolonged sound mark ー with both. */
  extensions: RegExp;
}

let scriptTests: ScriptTest[] | undefined;
function tests(): ScriptTest[] {
  scriptTests ??= SCRIPTS.flatMap((name) => {
    try {
      return [{ name, script: new RegExp(`^\\p{Script=${name}}$`, "u"), extensions: new RegExp(`^\\p{Script_Extensions=${name}}$`, "u") }];
    } catch {
      return [];
    }
  });
  return scriptTests;
}

interface CharacterScripts {
  /** What to call it in a message: its Script, or its first Script_Extensions value. */
  label: string;
  /** Its augmented script set. */
  set: Set<string>;
}

const characterCache = new Map<string, CharacterScripts | null>();

/** null for a character that goes with any script. */
function scriptsOf(character: string): CharacterScripts | null {
  if (characterCache.has(character)) return characterCache.get(character)!;
  let result: CharacterScripts | null = null;
  if (!ANY_SCRIPT.test(character)) {
    const matching = tests().filter((test) => test.extensions.test(character));
    const names = matching.map((test) => test.name);
    const label = (matching.find((test) => test.script.test(character)) ?? matching[0])?.name ?? "Unknown";
    result = { label: label.replaceAll("_", " "), set: new Set(names.flatMap((name) => [name, ...(AUGMENTED[name] ?? [])])) };
  }
  characterCache.set(character, result);
  return result;
}

function intersect(sets: Set<string>[]): Set<string> {
  const [first, ...rest] = sets;
  return new Set([...(first ?? [])].filter((name) => rest.every((set) => set.has(name))));
}

/**
 * The scripts a name mixes, in the order they first appear, or null when it keeps to one alphabet in the sense of
 * UTS #39's "highly restrictive" level: all its letters share a script (digits, spaces and punctuation go with any),
 * or it is Japanese, Korean or Chinese with or without Latin. "Main Аdmins" (a Cyrillic А) mixes Latin and Cyrillic.
 */
export function mixedScripts(name: string): string[] | null {
  const characters = [...new Set(name)].map(scriptsOf).filter((scripts): scripts is CharacterScripts => scripts !== null);
  if (characters.length === 0 || intersect(characters.map((c) => c.set)).size > 0) return null;
  const withoutLatin = characters.filter((c) => !c.set.has("Latin"));
  const rest = intersect(withoutLatin.map((c) => c.set));
  if (withoutLatin.length > 0 && [...rest].some((name) => WITH_LATIN.has(name))) return null;
  return [...new Set(characters.map((c) => c.label))];
}

/** The field error for a name that mixes alphabets, naming them. */
export function mixedScriptMessage(name: string, scripts: readonly string[]): string {
  const listed = scripts.length > 1 ? `${scripts.slice(0, -1).join(", ")} and ${scripts.at(-1)}` : scripts.join("");
  // The refinement also runs on a name already too long: the message quotes at most 64 characters of it, so it never
  // echoes a hostile input back at length (cut by code point, so no half surrogate pair is left).
  const characters = Array.from(name);
  const quoted = characters.length > 64 ? `${characters.slice(0, 64).join("")}…` : name;
  return `Use one alphabet in a name: "${quoted}" mixes ${listed}`;
}

/** For a zod `superRefine`: refuses a name that mixes alphabets. */
export function refuseMixedScripts(name: string, context: { addIssue: (issue: { code: "custom"; message: string }) => void }) {
  const scripts = mixedScripts(name);
  if (scripts) context.addIssue({ code: "custom", message: mixedScriptMessage(name, scripts) });
}
