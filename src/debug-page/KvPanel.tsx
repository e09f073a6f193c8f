import { useState } from 'react';
import type { KvClient } from '../runtime';

/** Put, get and delete through the cluster, with each result as the lab defines it. */
export function KvPanel({ client }: { client: KvClient }) {
  const [key, setKey] = useState('x');
  const [value, setValue] = useState('1');
  const [log, setLog] = useState<string[]>([]);
  const run = (label: string, action: () => Promise<{ succ: boolean; key: string; value: string }>) => {
    action().then(
      (r) => setLog((l) => [`${label} → succ=${r.succ} key=${r.key} value=${JSON.stringify(r.value)}`, ...l].slice(0, 10)),
      (e: unknown) => setLog((l) => [`${label} → ${(e as Error).message}`, ...l].slice(0, 10)),
    );
  };
  return (
    <div className="kv">
      <input aria-label="key" value={key} onChange={(e) => setKey(e.target.value)} />
      <input aria-label="value" value={value} onChange={(e) => setValue(e.target.value)} />
      <button onClick={() => run(`put ${key}=${value}`, () => client.put(key, value))}>put</button>
      <button onClick={() => run(`get ${key}`, () => client.get(key))}>get</button>
      <button onClick={() => run(`del ${key}`, () => client.del(key))}>del</button>
      <ul data-testid="kv-results">{log.map((line, i) => <li key={i}>{line}</li>)}</ul>
    </div>
  );
}
