import { useState } from 'react';
import { CLUSTER_SIZES, type ClusterState, type WorkerCluster } from '../runtime';

/** Time, network and cluster-wide controls. */
export function Controls({ cluster, state }: { cluster: WorkerCluster; state: ClusterState }) {
  const [loss, setLoss] = useState(0);
  const [delay, setDelay] = useState<[number, number]>([0, 0]);
  const { paused, speed } = state.clock;
  return (
    <div className="controls">
      <button onClick={() => (paused ? cluster.resume() : cluster.pause())}>{paused ? 'resume' : 'pause'}</button>
      <label>
        speed {speed}×{' '}
        <select value={speed} onChange={(e) => cluster.setSpeed(Number(e.target.value))}>
          {[0.05, 0.1, 0.25, 0.5, 1, 2].map((s) => <option key={s} value={s}>{s}×</option>)}
        </select>
      </label>
      <label>
        loss %{' '}
        <input type="number" min={0} max={100} value={loss} onChange={(e) => setLoss(Number(e.target.value))} />
        <button onClick={() => cluster.setLoss(loss)}>set</button>
      </label>
      <label>
        delay ms{' '}
        <input type="number" min={0} value={delay[0]} onChange={(e) => setDelay([Number(e.target.value), delay[1]])} />–
        <input type="number" min={0} value={delay[1]} onChange={(e) => setDelay([delay[0], Number(e.target.value)])} />
        <button onClick={() => cluster.setDelay(delay[0], Math.max(delay[0], delay[1]))}>set</button>
      </label>
      <button onClick={() => cluster.partition(splitInTwo(state.size))}>partition minority | majority</button>
      <button onClick={() => cluster.healAll()}>heal all</button>
      <label>
        size{' '}
        <select value={state.size} onChange={(e) => void cluster.reset({ size: Number(e.target.value) })}>
          {CLUSTER_SIZES.map((n) => <option key={n} value={n}>{n}</option>)}
        </select>
      </label>
      <button onClick={() => { if (confirm('Wipe every node\'s storage and start over?')) void cluster.reset(); }}>reset cluster</button>
    </div>
  );
}

function splitInTwo(size: number): number[][] {
  const minority = Math.floor((size - 1) / 2);
  const all = Array.from({ length: size }, (_, i) => i);
  return [all.slice(0, minority), all.slice(minority)];
}
