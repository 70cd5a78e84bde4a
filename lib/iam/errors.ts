// Domain errors: thrown by lib/iam, turned into user messages in one place (lib/actions/run-action.ts).
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The actor may not do this. The message is shown to them, so it names the missing right, not internals. */
export class Forbidden extends DomainError {}
export class NotFound extends DomainError {}
export class Conflict extends DomainError {}
export class Invalid extends DomainError {
  constructor(message: string, readonly fieldErrors?: Record<string, string[]>) {
    super(message);
  }
}
