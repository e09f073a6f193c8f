import { describe, expect, it } from 'vitest';
import type { NodeId } from '../raft/types';
import { initialNetwork } from '../shared/network';
import { Autopilot } from './autopilot';
import { SimEngine } from './sim-engine';

/** The autopilot on the real simulated engine, run directly in Node and driven by advance(ms). */

interface Noted { readonly at: number; readonly title: string; readonly nodes: readonly NodeId[] }

function setUp(options: { engineSeed?: number; chaosSeed?: number; size?: number } = {}): { engine: SimEngine; pilot: Autopilot; notes: Noted[] } {
  const engine = new SimEngine({ size: options.size ?? 5, seed: options.engineSeed ?? 7, wall: () => 0 });
  const notes: Noted[] = [];
  const pilot = new Autopilot(engine, (title, nodes) => notes.push({ at: engine.now(), title, nodes }), options.chaosSeed ?? 11);
  return { engine, pilot, notes };
}

/** Run `ms` of virtual time in frames of 50 ms (as the page sees the clock move). */
function run(engine: SimEngine, ms: number, until: () => boolean = () => false): void {
  for (let t = 0; t < ms && !until(); t += 50) engine.advance(50);
}

function leaders(engine: SimEngine): NodeId[] {
  return engine.getState().nodes.filter((v) => v.status === 'running' && v.role === 'leader').map((v) => v.id);
}

/** What a fault can leave broken: a node not running, a cut, an isolation, a partition, loss, delay or duplication. */
function broken(engine: SimEngine): string[] {
  const network = engine.getNetwork();
  const pristine = initialNetwork(engine.size);
  return [
    ...engine.getState().nodes.filter((v) => v.status !== 'running').map((v) => `node ${v.id} ${v.status}`),
    ...(JSON.stringify(network.cut) !== JSON.stringify(pristine.cut) ? ['a cut'] : []),
    ...(network.isolated.some(Boolean) ? ['an isolation'] : []),
    ...(network.group ? ['a partition'] : []),
    ...(JSON.stringify([network.requests, network.replies]) !== JSON.stringify([pristine.requests, pristine.replies]) ? ['a lossy network'] : []),
  ];
}

describe('Autopilot (the nemesis\'s fault chooser on the Cluster interface)', () => {
  it('runs on the engine\'s clock: nothing before the first gap, nothing while time stands still, then a fault every 2–5 virtual s', () => {
    const { engine, pilot, notes } = setUp();
    run(engine, 3000);
    pilot.start();
    expect(notes.map((n) => n.title)).toEqual(['Chaos on (seed 11)']);
    run(engine, 1950);
    expect(notes).toHaveLength(1); // the first fault comes at least 2000 virtual ms after the start
    for (let i = 0; i < 20; i++) engine.getState(); // time does not move: no fault
    expect(notes).toHaveLength(1);
    run(engine, 60_000);
    const faults = notes.filter((n) => n.title.startsWith('Chaos: '));
    expect(faults.length).toBeGreaterThanOrEqual(60_000 / 5000 - 1);
    expect(faults.length).toBeLessThanOrEqual(Math.ceil(60_000 / 2000) + 1);
    const gaps = faults.slice(1).map((n, i) => n.at - faults[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(2000);
    expect(Math.max(...gaps)).toBeLessThan(5000 + 100); // at most a frame late
    expect(pilot.status).toMatchObject({ running: true, seed: 11 });
  });

  it('is seeded: the same engine and chaos seeds give the same faults at the same instants and the same nodes; another chaos seed does not', () => {
    const go = (chaosSeed: number): { titles: string; nodes: string } => {
      const { engine, pilot, notes } = setUp({ chaosSeed });
      run(engine, 2000);
      pilot.start();
      run(engine, 40_000);
      return { titles: notes.map((n) => `${n.at} ${n.title}`).join('\n'), nodes: JSON.stringify(engine.getState().nodes) };
    };
    const first = go(11);
    expect(go(11)).toEqual(first);
    expect(go(12).titles).not.toBe(first.titles);
    expect(first.titles).toMatch(/Chaos: (crashed|partitioned|isolated|cut|set|restarted|healed|took|asked)/);
  });

  it('over a few minutes uses every kind of fault it knows, through the Cluster (the engine shows them)', () => {
    const { engine, pilot, notes } = setUp({ chaosSeed: 5 });
    pilot.start();
    const seen = new Set<string>();
    for (let t = 0; t < 300_000; t += 50) {
      engine.advance(50);
      for (const thing of broken(engine)) seen.add(thing.replace(/node \d+ /, 'node '));
    }
    const titles = notes.map((n) => n.title).join('\n');
    for (const fault of ['crashed node', 'restarted node', 'partitioned', 'cut the link', 'isolated node', 'healed every', 'set loss', 'took a snapshot']) {
      expect(titles).toContain(fault);
    }
    expect(seen).toEqual(new Set(['node crashed', 'a cut', 'an isolation', 'a partition', 'a lossy network']));
  });

  it('stopping heals what it broke and says so; the cluster then elects a leader with every node up', () => {
    const { engine, pilot, notes } = setUp({ chaosSeed: 3 });
    run(engine, 2000);
    pilot.start();
    run(engine, 15_000);
    run(engine, 120_000, () => broken(engine).length >= 2); // stop while something is broken, so healing has work
    const before = broken(engine);
    expect(before.length, 'chaos left something broken to heal').toBeGreaterThanOrEqual(2);
    pilot.stop();
    expect(pilot.status.running).toBe(false);
    expect(notes.at(-1)!.title).toMatch(/^Chaos off: /);
    run(engine, 10_000);
    expect(broken(engine)).toEqual([]);
    expect(notes.filter((n) => n.title.startsWith('Chaos: ')).at(-1)!.at).toBeLessThan(engine.now() - 10_000 + 50); // no fault after the stop
    expect(leaders(engine)).toHaveLength(1);
    const leader = leaders(engine)[0]!;
    expect(engine.getState().nodes.every((v) => v.leaderId === leader)).toBe(true);
  });

  it('keeps the loss, delay and duplication the user had set before it, healing only its own', () => {
    const { engine, pilot } = setUp({ chaosSeed: 9 });
    engine.setDelay(3, 12);
    const before = engine.getNetwork().requests;
    pilot.start();
    run(engine, 120_000, () => JSON.stringify(engine.getNetwork().requests) !== JSON.stringify(before));
    expect(engine.getNetwork().requests).not.toEqual(before);
    pilot.stop();
    expect(engine.getNetwork().requests).toEqual(before);
    expect(engine.getNetwork().replies).toEqual(before);
  });

  it('halting (an invariant broke) stops without healing, so the moment can be looked at', () => {
    const { engine, pilot, notes } = setUp({ chaosSeed: 3 });
    pilot.start();
    run(engine, 120_000, () => broken(engine).length >= 1);
    const left = broken(engine);
    expect(left.length).toBeGreaterThanOrEqual(1);
    pilot.halt('Election Safety violated');
    expect(pilot.status).toMatchObject({ running: false, haltedBecause: 'Election Safety violated' });
    expect(notes.at(-1)!.title).toBe('Chaos stopped: Election Safety violated');
    const count = notes.length;
    run(engine, 20_000);
    expect(notes).toHaveLength(count);
    expect(broken(engine).filter((thing) => left.includes(thing))).not.toEqual([]);
  });

  it('leaves at most a minority down, so a majority can always elect once the network allows (§5.2)', () => {
    const { engine, pilot } = setUp({ chaosSeed: 21, size: 3 });
    pilot.start();
    let mostDown = 0;
    for (let t = 0; t < 200_000; t += 50) {
      engine.advance(50);
      mostDown = Math.max(mostDown, engine.getState().nodes.filter((v) => v.status !== 'running').length);
    }
    expect(mostDown).toBe(1);
  });
});
