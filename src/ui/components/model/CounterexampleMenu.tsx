import { memo, useEffect } from 'react';
import { useMenu } from '../common/use-menu';
import { useOpenedTrace } from './opened-trace';
import { SearchForm } from './SearchForm';
import { SearchStatus } from './SearchStatus';
import { TraceSteps } from './TraceSteps';
import { useModelSearch } from './use-model-search';
import '../../styles/model.css';

/**
 * "Find a counterexample" (issue 13, item 5): the model checker (src/model) over the real core,
 * in a Worker of its own, in any of its four modes (breadth-first by default, whose trace is the
 * shortest; directed for deep bugs such as Figure 8); choosing a bug switch fills in the search
 * that finds it (src/model/bug-searches.ts). The trace opens in
 * the simulated engine as a run whose every step is explained; opened, this menu walks through it.
 * The search lives here, not in the popover, so closing the popover does not stop it.
 */
export const CounterexampleMenu = memo(function CounterexampleMenu() {
  const { open, setOpen, ref, onKeyDown } = useMenu();
  const search = useModelSearch();
  const opened = useOpenedTrace();
  useEffect(() => {
    if (opened) setOpen(true);
  }, [opened, setOpen]);
  return (
    <div className="popover-anchor" ref={ref} onKeyDown={open ? onKeyDown : undefined}>
      <button className={`btn ${open ? 'active' : ''}`} aria-expanded={open} onClick={() => setOpen(!open)}
        title="Model-check the Raft core: the shortest sequence of deliveries, timers, writes and crashes that breaks a rule">
        <span>Find a counterexample</span>
      </button>
      {open && (
        <div className="popover wide model-panel" role="dialog" aria-label="Find a counterexample">
          {opened && <TraceSteps trace={opened} />}
          <p className="pop-intro">
            Explore every order of message deliveries, timers, disk writes, crashes and client proposals within small bounds, over the real Raft core, and get a trace that breaks one of Figure 3's properties (or reaches a goal): the shortest, breadth-first. Choosing a bug switch fills in the search that finds it.
          </p>
          <SearchForm running={search.state.phase === 'running'} onSearch={search.start} />
          <SearchStatus state={search.state} cancel={search.cancel} />
        </div>
      )}
    </div>
  );
});
