/** A problem the user can fix (bad arguments, unreadable files): printed without a stack trace. */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
