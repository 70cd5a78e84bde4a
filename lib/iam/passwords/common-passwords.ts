import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";

// ~49,000 most common passwords from zxcvbn-ts's maintained list, bundled with the package (no download).
let commonPasswords: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  commonPasswords ??= new Set((dictionary["passwords-common"] as string[]).map((entry) => entry.toLowerCase()));
  const lowered = password.toLowerCase();
  // "password1234!" is as guessable as "password": also test the word without trailing digits and symbols.
  return commonPasswords.has(lowered) || commonPasswords.has(lowered.replace(/[\d\W_]+$/, ""));
}
