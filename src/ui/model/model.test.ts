import { LAB_FEATURES, PRODUCTION_FEATURES } from '../../raft/config';
import { describe, expect, it } from 'vitest';
import { initialNetwork, partition, setIsolated, setLinkCut } from '../../runtime/network';
import { entries, nodeView } from '../test/fixtures';
import { clusterHeadline, largestGroup, nodeSentence } from './explain';
import { clusterLayout, rimToRim, stageSize, NODE_RADIUS } from './layout';
import { allLinks, linkLook } from './links';
import { currentLeader, displayRole, listNodes, newestTerm, quorum } from './roles';
import { storageRows } from './storage';
import { termColor, termHue } from './terms';

/** The view-model functions: what the page says and draws, from the nodes' reports alone. */

describe('roles', () => {
  it('marks a leader of an older term stale (§5.1: it cannot commit), and a crashed leader crashed', () => {
    const nodes = [nodeView(0, { role: 'leader', term: 2 }), nodeView(1, { role: 'leader', term: 3 }), nodeView(2, { role: 'leader', term: 4, status: 'crashed' })];
    const term = newestTerm(nodes);
    expect(term).toBe(3); // a crashed node's term does not count
    expect(nodes.map((v) => displayRole(v, term))).toEqual(['stale-leader', 'leader', 'crashed']);
    expect(currentLeader(nodes)?.id).toBe(1);
    expect(displayRole(nodeView(3, { status: 'storage-error' }), term)).toBe('storage-error');
  });

  it('needs a majority of the whole cluster', () => {
    expect([3, 5, 7].map(quorum)).toEqual([2, 3, 4]);
    expect(listNodes([4, 0, 2])).toBe('0, 2 and 4');
  });
});

describe('the headline', () => {
  it('says who leads and with whose votes', () => {
    const nodes = [nodeView(0, { role: 'leader', term: 2, votes: [0, 1, 3] }), nodeView(1, { term: 2 }), nodeView(2, { term: 2 }), nodeView(3, { term: 2 }), nodeView(4, { term: 2 })];
    const headline = clusterHeadline(nodes, initialNetwork(5));
    expect(headline.title).toBe('Node 0 leads term 2');
    expect(headline.detail).toContain('votes from nodes 0, 1 and 3');
    expect(headline.tone).toBe('calm');
  });

  it('names a stale leader, and a leader cut off in a minority', () => {
    const nodes = [nodeView(0, { role: 'leader', term: 1 }), nodeView(1, { term: 1 }), nodeView(2, { role: 'leader', term: 2 }), nodeView(3, { term: 2 }), nodeView(4, { term: 2 })];
    expect(clusterHeadline(nodes, initialNetwork(5)).detail).toContain('Node 0 still believes it leads an older term');
    const cut = clusterHeadline(nodes, partition(initialNetwork(5), [[2, 3], [0, 1, 4]]));
    expect(cut.detail).toContain('cut off');
    expect(cut.tone).toBe('warning');
  });

  it('under Production Raft: a cut-off leader steps down by CheckQuorum (thesis §6.2); a leader handing over says so (thesis §3.10)', () => {
    const nodes = [nodeView(0, { term: 2 }), nodeView(1, { term: 2 }), nodeView(2, { role: 'leader', term: 2 })];
    const cut = partition(initialNetwork(3), [[2], [0, 1]]);
    expect(clusterHeadline(nodes, cut, PRODUCTION_FEATURES).detail).toContain('with CheckQuorum it steps down by itself once an election timeout passes without word from a majority (thesis §6.2)');
    expect(clusterHeadline(nodes, cut, LAB_FEATURES).detail).toContain('nodes 0 and 1 reach each other, a majority: they will elect a new leader once their timers run out');
    const handing = [nodes[0]!, nodes[1]!, nodeView(2, { role: 'leader', term: 2, transferee: 0 })];
    expect(clusterHeadline(handing, initialNetwork(3), PRODUCTION_FEATURES).title).toBe('Node 2 hands leadership to node 0');
  });

  it('promises a new leader only where one is possible: the majority side must be running and connected (issue 12, item 1)', () => {
    // 5 nodes, leader 0 cut off with node 1; of the other side, node 4 has crashed: 2 of 5 left.
    const nodes = [nodeView(0, { role: 'leader', term: 2 }), nodeView(1, { term: 2 }), nodeView(2, { term: 2 }), nodeView(3, { term: 2 }), nodeView(4, { term: 2, status: 'crashed' })];
    const split = partition(initialNetwork(5), [[0, 1], [2, 3, 4]]);
    const headline = clusterHeadline(nodes, split, LAB_FEATURES);
    expect(headline.detail).not.toContain('will elect a new leader');
    expect(headline.detail).toContain('no other group of running nodes that reach each other holds a majority (at most 2 of 5, 3 needed)');
    // No leader anywhere, every node running, but a partition 2|2|1 leaves no majority together.
    const followers = [0, 1, 2, 3, 4].map((id) => nodeView(id, { role: id === 2 ? 'candidate' : 'follower', term: 7 }));
    const three = partition(initialNetwork(5), [[0, 1], [2, 3], [4]]);
    expect(clusterHeadline(followers, three)).toMatchObject({ title: 'No leader possible', tone: 'warning' });
    expect(clusterHeadline(followers, three).detail).toContain('Only 2 of 5 nodes can reach each other');
    // A one-way cut counts: votes must come back.
    const oneWay = setLinkCut(setLinkCut(initialNetwork(3), 0, 1, true, true), 0, 2, true, true);
    expect(largestGroup([0, 1, 2].map((id) => nodeView(id)), oneWay).map((v) => v.id)).toEqual([1, 2]);
  });

  it('explains an election in progress, and a cluster without a majority up', () => {
    const electing = [nodeView(0, { role: 'candidate', term: 3, votes: [0, 2] }), nodeView(1), nodeView(2)];
    expect(clusterHeadline(electing, initialNetwork(3))).toMatchObject({ title: 'Electing a leader for term 3', tone: 'electing' });
    const down = [nodeView(0), nodeView(1, { status: 'crashed' }), nodeView(2, { status: 'crashed' })];
    expect(clusterHeadline(down, initialNetwork(3)).title).toBe('No leader possible');
  });

  it('tells what a crashed node still has on disk', () => {
    const crashed = nodeView(1, { status: 'crashed', durable: { term: 4, votedFor: 2, lastIndex: 9, snapshotIndex: 0, snapshotTerm: 0, writing: false } });
    expect(nodeSentence(crashed, [crashed])).toContain('term 4, its vote for node 2 and 9 log entries');
    expect(nodeSentence(crashed, [crashed])).toContain('IndexedDB still holds');
    expect(nodeSentence(crashed, [crashed], 'disk')).toContain('Its disk still holds term 4');
  });
});

describe('layout', () => {
  it('puts every node inside the picture, apart from each other', () => {
    for (const size of [3, 5, 7]) {
      const { positions, width, height } = clusterLayout(size, null, 900, 440);
      for (const p of positions) {
        expect(p.x).toBeGreaterThan(NODE_RADIUS);
        expect(p.x).toBeLessThan(width - NODE_RADIUS);
        expect(p.y).toBeGreaterThan(NODE_RADIUS);
        expect(p.y).toBeLessThan(height - NODE_RADIUS);
      }
      for (let a = 0; a < size; a++) for (let b = a + 1; b < size; b++) {
        expect(Math.hypot(positions[a]!.x - positions[b]!.x, positions[a]!.y - positions[b]!.y)).toBeGreaterThan(2.5 * NODE_RADIUS);
      }
    }
  });

  it('gives each side of a partition its own column, with a divider between', () => {
    const { positions, dividers } = clusterLayout(5, [0, 1, 1, 0, 1], 900, 440);
    expect(dividers).toEqual([450]);
    for (const node of [0, 3]) expect(positions[node]!.x).toBeLessThan(450);
    for (const node of [1, 2, 4]) expect(positions[node]!.x).toBeGreaterThan(450);
  });

  it('grows the picture instead of zooming on a large screen', () => {
    expect(stageSize(880, 330)).toEqual({ width: 1173, height: 440 });
    expect(stageSize(1200, 880).height).toBeGreaterThan(440);
    const { from, to } = rimToRim({ x: 0, y: 0 }, { x: 100, y: 0 }, 10);
    expect([from.x, to.x]).toEqual([10, 90]);
  });
});

describe('links', () => {
  it('tells a cut, a one-way cut, a partition and an isolation apart', () => {
    let network = setLinkCut(initialNetwork(4), 0, 1, true);
    network = setLinkCut(network, 1, 2, true, true);
    network = setIsolated(network, 3, true);
    const looks = Object.fromEntries(allLinks(network).map((l) => [`${l.a}-${l.b}`, linkLook(l)]));
    expect(looks).toMatchObject({ '0-1': 'cut', '1-2': 'cut-ab', '0-2': 'up', '0-3': 'isolated' });
    expect(linkLook(allLinks(partition(initialNetwork(3), [[0], [1, 2]]))[0]!)).toBe('partitioned');
  });
});

describe('terms, KV words and storage rows', () => {
  it('cycles eight term colours; term 0 has none', () => {
    expect([0, 1, 8, 9].map(termHue)).toEqual([null, 0, 7, 0]);
    expect(termColor(3)).toBe('var(--term-2)');
  });

  it('highlights what is in memory but not yet durable', () => {
    const view = nodeView(0, { term: 3, durable: { term: 2, votedFor: null, lastIndex: 4, snapshotIndex: 0, snapshotTerm: 0, writing: true }, log: { window: entries(1, 5, 2) } });
    const rows = storageRows(view);
    expect(rows.find((r) => r.label === 'current term')).toMatchObject({ memory: '3', durable: '2', differs: true });
    expect(rows.find((r) => r.label === 'log entries through')).toMatchObject({ memory: '5', durable: '4', differs: true });
    expect(storageRows(nodeView(0, { status: 'crashed' }))[0]!.memory).toBe('—');
  });
});
