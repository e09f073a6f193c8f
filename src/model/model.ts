import { breadthFirst } from './bfs';
import { withFreshMemo, type ModelContext } from './context';
import { depthFirst } from './dfs';
import { directed } from './directed';
import { randomWalk } from './random-walk';
import { SearchRun, type SearchOptions, type SearchResult } from './search';

/** Run the model checker over the real core in one of its four modes. */
export function check(context: ModelContext, options: SearchOptions): SearchResult {
  const run = new SearchRun(withFreshMemo(context), options);
  switch (options.mode) {
    case 'bfs': return breadthFirst(run);
    case 'dfs': return depthFirst(run);
    case 'random': return randomWalk(run);
    case 'directed': return directed(run);
  }
}
