import { describe, expect, it } from 'vitest';
import { SimEngine } from './sim-engine';
import { applyStateDelta, diffState } from './state-delta';

describe('state deltas between the simulated engine and the page', () => {
  it('send only the nodes and fields the engine rebuilt; the rest keep their objects on the page', () => {
    let wall = 0;
    const engine = new SimEngine({ size: 5, seed: 4, speed: 1, wall: () => wall });
    engine.resume();
    const first = engine.getState();
    const page = applyStateDelta(null, diffState(null, first));
    expect(page).toEqual(first);
    wall = 2_000;
    engine.tick();
    engine.crash(2);
    const second = engine.getState();
    const delta = diffState(first, second);
    // Serialised as the worker boundary does, so identity on the page comes from the delta alone.
    const shown = applyStateDelta(page, structuredClone(delta));
    expect(shown).toEqual(second);
    expect(Object.keys(delta.nodes)).toContain('2');
    for (let i = 0; i < 5; i++) {
      if (!(i in delta.nodes)) expect(shown.nodes[i], `node ${i} unchanged keeps its object`).toBe(page.nodes[i]);
    }
    expect(diffState(second, second)).toEqual({ fields: {}, count: 5, nodes: {} });
  });

  it('a state with fewer nodes (a resize) drops the rest; a delta without a base names the missing node', () => {
    const engine = new SimEngine({ size: 5, seed: 4, wall: () => 0 });
    const five = engine.getState();
    const three = { ...five, size: 3, nodes: five.nodes.slice(0, 3) };
    expect(applyStateDelta(five, diffState(five, three)).nodes).toHaveLength(3);
    expect(() => applyStateDelta(null, diffState(five, five))).toThrow(/lacks node 0/);
  });
});
