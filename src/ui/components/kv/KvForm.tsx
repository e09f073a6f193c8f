import { memo, useState, type FormEvent } from 'react';
import type { KvCommand, KvOp } from '../../../kv/types';
import { useAppState, useCommands } from '../../app/context';
import { runLoad } from '../../kv/load';
import { formProblem } from '../../model/kv-format';

const OPS: readonly KvOp[] = ['put', 'get', 'del'];
const CLIENTS = ['A', 'B', 'C'] as const;

/** put / get / del, sent to the leader (with retries) or to one node of your choice (once). */
export const KvForm = memo(function KvForm() {
  const ctx = useCommands();
  const size = useAppState((s) => s.nodes.length);
  const [op, setOp] = useState<KvOp>('put');
  const [key, setKey] = useState('x');
  const [value, setValue] = useState('1');
  const [target, setTarget] = useState('leader');
  const [client, setClient] = useState<string>('A');
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const command: KvCommand = op === 'put' ? { op, key, value } : { op, key };
    const wrong = formProblem(command);
    setProblem(wrong);
    if (wrong) return;
    void ctx.clients.submit(client, command, target === 'leader' ? 'leader' : Number(target));
  };
  const load = () => {
    setLoading(true);
    void runLoad(ctx.clients).finally(() => setLoading(false));
  };
  return (
    <form className="kv-form" onSubmit={submit} noValidate>
      <div className="segmented" role="radiogroup" aria-label="Operation">
        {OPS.map((o) => <button type="button" key={o} role="radio" aria-checked={o === op} className={o === op ? 'seg active' : 'seg'} onClick={() => setOp(o)}>{o}</button>)}
      </div>
      <div className="kv-fields">
        <label className="field"><span>Key</span><input value={key} onChange={(e) => setKey(e.target.value)} aria-invalid={problem !== null} /></label>
        {op === 'put' && <label className="field"><span>Value</span><input value={value} onChange={(e) => setValue(e.target.value)} /></label>}
      </div>
      <div className="kv-fields">
        <label className="field"><span>Send to</span>
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="leader">the leader (retries)</option>
            {Array.from({ length: size }, (_, i) => <option key={i} value={i}>node {i} only</option>)}
          </select>
        </label>
        <label className="field"><span>As client</span>
          <select value={client} onChange={(e) => setClient(e.target.value)}>{CLIENTS.map((c) => <option key={c} value={c}>{c}</option>)}</select>
        </label>
        <button type="submit" className="btn primary">Send {op}</button>
      </div>
      {problem && <p className="form-error" role="alert">{problem}</p>}
      <button type="button" className="btn small" onClick={load} disabled={loading} title="Three clients send puts, gets and dels on three keys for 10 s">
        {loading ? 'Load running…' : 'Run 10 s of load (clients B, C, D)'}
      </button>
    </form>
  );
});
