// How a person is named wherever the console shows one: their name, or their email when they have none.

/** First and last name, "" when neither is set. */
export function fullName(person: { firstName: string; lastName: string }): string {
  return `${person.firstName} ${person.lastName}`.trim();
}

/** The name, or the email when there is no name. */
export function displayName(person: { firstName: string; lastName: string; email: string }): string {
  return fullName(person) || person.email;
}

/** "Ada Lovelace (ada@example.com)", or the email alone: for pickers, where two people may share a name. */
export function nameWithEmail(person: { firstName: string; lastName: string; email: string }): string {
  const name = fullName(person);
  return name ? `${name} (${person.email})` : person.email;
}
