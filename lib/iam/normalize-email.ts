// Emails are compared and stored lower-cased (the users table enforces it with a CHECK constraint).
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
