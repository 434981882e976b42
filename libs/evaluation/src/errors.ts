/**
 * The engine's one error type, shared by every method version: the service
 * maps it to problem+json whichever version raised it.
 */
export class EvaluationInputError extends Error {
  constructor(
    public readonly code: 'GRADING_INCOMPLETE' | 'INVALID_INPUT',
    message: string,
    public readonly details: { field?: string; message: string; bidId?: string; criterionCode?: string }[] = [],
  ) {
    super(message);
    this.name = 'EvaluationInputError';
  }
}
