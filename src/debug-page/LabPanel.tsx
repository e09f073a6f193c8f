import { useState } from 'react';
import type { BrowserLabResult } from '../runtime';

/** Run the lab's scenarios against real workers, one at a time. Best with ?cluster=off. */
export function LabPanel() {
  const [results, setResults] = useState<Record<string, BrowserLabResult | 'running'>>({});
  const lab = window.raftlabLab;
  if (!lab) return null;
  const run = (name: string) => {
    setResults((r) => ({ ...r, [name]: 'running' }));
    void lab.run(name).then((result) => setResults((r) => ({ ...r, [name]: result })));
  };
  return (
    <details className="lab">
      <summary>lab tests over workers</summary>
      <ul>
        {lab.names().map((name) => {
          const result = results[name];
          return (
            <li key={name}>
              <button disabled={result === 'running'} onClick={() => run(name)}>{name}</button>{' '}
              {result === 'running' ? 'running…' : result ? `${result.ok ? 'pass' : `FAIL: ${result.error}`} (${(result.wallMs / 1000).toFixed(1)} s)` : ''}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
