import { InvariantViolation } from '../checks/invariants/types';
import type { LabContext, LabTest } from './types';

/** How a failed lab run reads: the test's own assertion text, or the error with where it came from. */
export function labErrorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'LabFailure') return error.message;
  let text = `${error.name}: ${error.message}`;
  if (error instanceof InvariantViolation) text += `\n  after:\n    ${error.recentEvents.slice(-15).join('\n    ')}`;
  else if (error.stack) text += `\n${error.stack.split('\n').slice(1, 6).join('\n')}`;
  return text;
}

/** Run one scenario against a context and time it; a failure becomes its text, never a throw. */
export async function runScenario(test: LabTest, ctx: LabContext): Promise<{ error?: string; wallMs: number }> {
  const started = performance.now();
  try {
    await test.run(ctx);
    return { wallMs: performance.now() - started };
  } catch (e) {
    return { error: labErrorText(e), wallMs: performance.now() - started };
  }
}
