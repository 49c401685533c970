/** What went wrong, in domain terms. Each dialect maps a kind onto its own error table. */
export type DomainErrorKind =
  | 'not_found' // the object does not exist (or is not the caller's)
  | 'gone' // the object existed and was deleted
  | 'duplicate' // a unique value is taken
  | 'invalid' // a value breaks a domain rule
  | 'forbidden' // the caller may not do this
  | 'conflict'; // the object is in a state that does not allow this

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly subject?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (subject: string, detail = `${subject} not found`) => new DomainError('not_found', detail, subject);
export const invalid = (detail: string, subject?: string) => new DomainError('invalid', detail, subject);
