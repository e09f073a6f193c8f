import { describe, expect, it } from 'vitest';
import { nodeView } from '../test/fixtures';
import { noVotingMajority } from './roles';

/** Recovering nodes (issue 8, 1c): which are shown as such, and when the rest cannot elect anyone. */
describe('recovering nodes', () => {
  const cluster = (recovering: number[], size = 5) => Array.from({ length: size }, (_, id) => nodeView(id, { recovering: recovering.includes(id) }));

  it('leave no voting majority once the others are fewer than a majority of the whole cluster', () => {
    expect(noVotingMajority(cluster([]))).toBe(false);
    expect(noVotingMajority(cluster([0, 1]))).toBe(false); // 3 of 5 can still elect a leader
    expect(noVotingMajority(cluster([0, 1, 2]))).toBe(true); // 2 of 5 cannot
    expect(noVotingMajority(cluster([0], 3))).toBe(false);
    expect(noVotingMajority(cluster([0, 2], 3))).toBe(true);
  });
});
