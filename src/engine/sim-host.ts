import type { ClusterState } from '../runtime/cluster';
import { SimEngine } from './sim-engine';
import { SIM_ASYNC_METHODS, SIM_VOID_METHODS, type SimCommand, type SimLabInit, type SimReport } from './sim-protocol';
import { diffState } from './state-delta';

/** How often (real ms) the worker moves the simulation along while it runs: about once a frame. */
export const TICK_MS = 16;

/**
 * The simulated engine's side of its Worker, without the Worker: it builds the engine on `init`,
 * runs it on real time (a tick per frame while the clock runs, none while paused), carries out the
 * page's commands and posts back the state and the streams. sim-worker.ts wires it to the thread;
 * tests wire it to a SimClusterProxy directly.
 */
export class SimWorkerHost {
  private engine: SimEngine | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Commands carried out (init excluded); each state says how many, so the page knows what it reflects. */
  private handled = 0;
  /** The last state posted to the page. */
  private posted: ClusterState | null = null;

  constructor(private readonly post: (report: SimReport) => void) {}

  handle(command: SimCommand): void {
    try {
      if (command.type === 'init') {
        const { options } = command;
        if ('lab' in options) return void this.initLab(options);
        this.init(new SimEngine(options));
      } else {
        this.handled++;
        this.run(command, this.engine ?? fail('the simulated engine got a command before init'));
      }
    } catch (error) {
      this.post({ type: 'error', message: (error as Error)?.message ?? String(error) });
    }
    this.schedule();
  }

  /**
   * A lab test: run it as `npm run lab` does, recording it (the lab's code loads only now), tell
   * how it went, then open its run at the start, paused, for the page to play.
   */
  private async initLab(options: SimLabInit): Promise<void> {
    try {
      const { recordLabRun } = await import('../lab/watch');
      const { run, outcome } = await recordLabRun(options.lab.test, options.lab.seed);
      this.post({ type: 'lab', outcome });
      this.init(new SimEngine({ size: run.start.size, seed: run.start.seed, run, startAt: 0, ...(options.speed !== undefined ? { speed: options.speed } : {}) }));
    } catch (error) {
      this.post({ type: 'error', message: (error as Error)?.message ?? String(error) });
    }
  }

  private init(engine: SimEngine): void {
    if (this.engine) throw new Error('the simulated engine is already running');
    this.engine = engine;
    engine.subscribe((state) => this.postState(state));
    engine.subscribeTraffic((batch) => this.post({ type: 'traffic', batch }));
    engine.subscribeEvents((node, events) => this.post({ type: 'events', node, events }));
    engine.subscribeApplied((node, entries, overflow) => this.post({ type: 'applied', node, entries, overflow }));
    engine.subscribeNotes((notes) => this.post({ type: 'notes', notes }));
    this.postState(engine.getState());
  }

  /** The page has the last state posted: send only what changed since (state-delta.ts). */
  private postState(state: ClusterState): void {
    this.post({ type: 'state', delta: diffState(this.posted, state), handled: this.handled });
    this.posted = state;
  }

  private run(command: Exclude<SimCommand, { type: 'init' }>, engine: SimEngine): void {
    switch (command.type) {
      case 'call': {
        if (!SIM_VOID_METHODS.includes(command.method)) throw new Error(`unknown engine method ${String(command.method)}`);
        (engine[command.method] as (...args: unknown[]) => void)(...command.args);
        return;
      }
      case 'lifecycle': {
        if (!SIM_ASYNC_METHODS.includes(command.method)) throw new Error(`unknown engine method ${String(command.method)}`);
        const { callId } = command;
        const fail = (error: unknown): void => this.post({ type: 'done', callId, error: (error as Error)?.message ?? String(error) });
        let result: unknown;
        try {
          result = (engine[command.method] as (...args: unknown[]) => unknown)(...command.args);
        } catch (error) {
          fail(error);
          return;
        }
        // A synchronous method has sent its state already (time travel's moves do): `done` follows it.
        Promise.resolve(result).then((value) => this.post({ type: 'done', callId, value }), fail);
        if (command.method === 'destroy') this.stop();
        return;
      }
      case 'propose': {
        const { requestId } = command;
        void engine.propose(command.node, command.command, { read: command.read === true }).then((proposal) => {
          const { placed, leaderHint, error, read } = proposal;
          this.post({ type: 'placed', result: { requestId, placed, leaderHint, ...(error !== undefined ? { error } : {}), ...(read ? { read } : {}) } });
          void proposal.outcome?.then((outcome) => this.post({ type: 'outcome', requestId, outcome }));
        });
        return;
      }
      case 'snapshot': {
        const { requestId } = command;
        void engine.saveSnapshot(command.node).then((ok) => this.post({ type: 'snapshot', requestId, ok }));
        return;
      }
    }
  }

  /** Tick about once a frame while the clock runs; stop ticking while it is paused (a paused page costs nothing). */
  private schedule(): void {
    const engine = this.engine;
    if (!engine || this.timer !== null || engine.getState().clock.paused) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      engine.tick();
      this.schedule();
    }, TICK_MS);
  }

  private stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.engine = null;
  }
}

function fail(message: string): never {
  throw new Error(message);
}
