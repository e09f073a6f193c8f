import { memo, useState } from 'react';
import type { RaftTiming } from '../../../raft/config';
import { useAppState, useCommands } from '../../app/context';
import { setTiming } from '../../commands/network';

type Fields = Pick<RaftTiming, 'electionTimeoutMinMs' | 'electionTimeoutMaxMs' | 'heartbeatMs'>;

const PRESETS: readonly { label: string; timing: Fields }[] = [
  { label: 'Lab default', timing: { electionTimeoutMinMs: 300, electionTimeoutMaxMs: 500, heartbeatMs: 150 } },
  { label: 'Split votes likely', timing: { electionTimeoutMinMs: 300, electionTimeoutMaxMs: 310, heartbeatMs: 150 } },
  { label: 'Heartbeat too slow', timing: { electionTimeoutMinMs: 300, electionTimeoutMaxMs: 500, heartbeatMs: 290 } },
];

/** Election timeout range and heartbeat interval, applied to every node's next timer. */
export const TimingEditor = memo(function TimingEditor() {
  const timing = useAppState((s) => s.config?.timing);
  const ctx = useCommands();
  const [fields, setFields] = useState<Fields>(() => ({
    electionTimeoutMinMs: timing?.electionTimeoutMinMs ?? 300, electionTimeoutMaxMs: timing?.electionTimeoutMaxMs ?? 500, heartbeatMs: timing?.heartbeatMs ?? 150,
  }));
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (next: Fields) => {
    setFields(next);
    try {
      setTiming.perform(ctx, next);
      setProblem(null);
    } catch (error) {
      setProblem((error as Error).message.replace(/^invalid Raft config: /, ''));
    }
  };
  const field = (key: keyof Fields, label: string) => (
    <label className="field">
      <span>{label}</span>
      <input type="number" min={1} step={10} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: Number(e.target.value) })} />
    </label>
  );
  return (
    <div className="timing-editor">
      <p className="pop-intro">Randomised election timeouts keep split votes rare (§5.2). Narrow the range to provoke them.</p>
      <div className="field-row">
        {field('electionTimeoutMinMs', 'Election timeout min (ms)')}
        {field('electionTimeoutMaxMs', 'Election timeout max (ms)')}
        {field('heartbeatMs', 'Heartbeat interval (ms)')}
      </div>
      {problem && <p className="form-error" role="alert">{problem}</p>}
      <button className="btn primary block" onClick={() => apply(fields)}>Apply timing</button>
      <div className="preset-row">
        {PRESETS.map((p) => <button key={p.label} className="btn small" onClick={() => apply(p.timing)}>{p.label}</button>)}
      </div>
    </div>
  );
});
