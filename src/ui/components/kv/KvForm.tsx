import { memo, useId, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { MAX_KEY_LENGTH, MAX_VALUE_LENGTH, type KvCommand, type KvOp } from '../../../kv/types';
import { useAppState, useCommands } from '../../app/context';
import { runLoad } from '../../kv/load';
import { formProblem } from '../../model/kv-format';

const OPS: readonly KvOp[] = ['put', 'get', 'del'];
/** The form's clients, and the load's (B, C and D: src/ui/kv/load.ts), so every client in the history can be picked. */
const CLIENTS = ['A', 'B', 'C', 'D'] as const;

/** put / get / del, sent to the leader (with retries) or to one node of your choice (once). */
export const KvForm = memo(function KvForm() {
  const ctx = useCommands();
  const size = useAppState((s) => s.nodes.length);
  // Kept in the store: switching the side panel's tabs unmounts the form, and what was typed stays.
  const { op, key, value, target, client } = useAppState((s) => s.kvDraft);
  const setDraft = useAppState((s) => s.setKvDraft);
  const setOp = (next: KvOp) => setDraft({ op: next });
  const setKey = (next: string) => setDraft({ key: next });
  const setValue = (next: string) => setDraft({ value: next });
  const setTarget = (next: string) => setDraft({ target: next });
  const setClient = (next: string) => setDraft({ client: next });
  // A node picked before the cluster shrank is gone: send to the leader then.
  const to = target !== 'leader' && Number(target) >= size ? 'leader' : target;
  const [problem, setProblem] = useState<string | null>(null);
  const valueId = useId();
  const [loading, setLoading] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const command: KvCommand = op === 'put' ? { op, key, value } : { op, key };
    const wrong = formProblem(command);
    setProblem(wrong);
    if (wrong) return;
    void ctx.clients.submit(client, command, to === 'leader' ? 'leader' : Number(to));
  };
  // An <input> cannot hold a line break: Chromium would paste "a⏎b" as "a b", a different key,
  // without a word. Refuse such a paste and say why (the key stays as it was).
  const pasteKey = (event: ClipboardEvent<HTMLInputElement>) => {
    const pasted = event.clipboardData.getData('text');
    if (!/[\r\n]/.test(pasted)) return;
    event.preventDefault();
    const input = event.currentTarget;
    const next = key.slice(0, input.selectionStart ?? key.length) + pasted + key.slice(input.selectionEnd ?? key.length);
    setProblem(`${formProblem({ op: 'get', key: next }) ?? ''} Nothing was pasted.`.trim());
  };
  // A value may hold line breaks (a textarea keeps them; the page shows each as ⏎): Enter still
  // sends, Shift+Enter starts a new line.
  const valueKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    event.currentTarget.form?.requestSubmit();
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
        <label className="field"><span>Key</span><input value={key} onChange={(e) => setKey(e.target.value)} onPaste={pasteKey} aria-invalid={problem !== null}
          title={`One line, with at least one visible character; at most ${MAX_KEY_LENGTH} UTF-16 code units`} /></label>
        {op === 'put' && (
          // Labelled by id, not by nesting: a label wrapping a textarea would include its text in the label's.
          <div className="field"><label htmlFor={valueId}>Value</label><textarea id={valueId} className="value-input" rows={1} value={value} onChange={(e) => setValue(e.target.value)}
            onKeyDown={valueKey} title={`At most ${MAX_VALUE_LENGTH.toLocaleString('en-US')} UTF-16 code units. Enter sends; Shift+Enter starts a new line`} /></div>
        )}
      </div>
      <div className="kv-fields">
        <label className="field"><span>Send to</span>
          <select value={to} onChange={(e) => setTarget(e.target.value)}>
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
