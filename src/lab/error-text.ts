import { InvariantViolation } from '../checks/invariants/types';

/** How a failed lab run reads: the test's own assertion text, or the error with where it came from. */
export function labErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'LabFailure') return error.message;
  let text = `${error.name}: ${error.message}`;
  if (error instanceof InvariantViolation) text += `\n  after:\n    ${error.recentEvents.slice(-15).join('\n    ')}`;
  else if (error.stack) text += `\n${error.stack.split('\n').slice(1, 6).join('\n')}`;
  return text;
}
