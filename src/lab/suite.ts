import { part1 } from './tests/part1';
import { part2 } from './tests/part2';
import { part3 } from './tests/part3';
import { part4 } from './tests/part4';
import { part5 } from './tests/part5';
import { fullName, type LabTest } from './types';

/** The lab's 21 tests in the original order. */
export const LAB_TESTS: readonly LabTest[] = [...part1, ...part2, ...part3, ...part4, ...part5];

/** Select tests as `./raft_test partN [name]` does. */
export function selectTests(part?: string, name?: string): LabTest[] {
  const chosen = LAB_TESTS.filter((t) => (!part || t.part === part) && (!name || t.name === name));
  if (chosen.length === 0) {
    const known = LAB_TESTS.map(fullName).join(', ');
    throw new Error(`no lab test matches ${[part, name].filter(Boolean).join(' ') || '(all)'}; known tests: ${known}`);
  }
  return chosen;
}
