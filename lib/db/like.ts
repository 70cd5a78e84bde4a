/**
 * Text for a LIKE / ILIKE pattern (and Prisma's contains / startsWith, which do not escape) that matches only itself:
 * `%`, `_` and the escape character `\` (PostgreSQL's default) are escaped.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
