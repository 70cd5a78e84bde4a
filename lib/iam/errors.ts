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

/** A name the tenant already uses (or one that looks like it): a conflict, which a form shows under its Name field. */
export class NameTaken extends Conflict {
  constructor(message: string) {
    super(message);
    // To every caller it is a Conflict (the API answers 409); only forms look for the field.
    this.name = "Conflict";
  }

  get fieldErrors(): Record<string, string[]> {
    return { name: [this.message] };
  }
}
