import { memo, useState } from 'react';
import type { RaftTiming } from '../../../raft/config';
import { useAppState, useCommands } from '../../app/context';
import { AUTO_COMPACT_ENTRIES } from '../../app/defaults';
import { autoCompaction, autoCompactOf, setAutoCompact } from '../../commands/compaction';
import { setTiming } from '../../commands/network';

type Fields = Pick<RaftTiming, 'electionTimeoutMinMs' | 'electionTimeoutMaxMs' | 'heartbeatMs'>;

const PRESETS: readonly { label: string; timing: Fields }[] = [
  { label: 'Lab default', timing: { electionTimeoutMinMs: 300, electionTimeoutMaxMs: 500, heartbeatMs: 150 } },
  { label: 'Split votes likely', timing: { electionTimeoutMinMs: 300, electionTimeoutMaxMs: 310, heartbeatMs: 150 } },
  { label: 'Heartbeat too slow', timing: { electionTimeoutMinMs: 300, electionTimeoutMaxMs: 500, heartbeatMs: 290 } },
];

/** Election timeout range and heartbeat interval, applied to every node's next timer; automatic log compaction. */
export const TimingEditor = memo(function TimingEditor() {
  const timing = useAppState((s) => s.config?.timing);
  const compactAfter = useAppState((s) => autoCompactOf(s.config));
  const ctx = useCommands();
  const canCompact = autoCompaction(ctx.cluster) !== null;
  const [compact, setCompact] = useState<Compaction>(() => ({ on: compactAfter !== null, entries: compactAfter ?? AUTO_COMPACT_ENTRIES }));
  const [fields, setFields] = useState<Fields>(() => ({
    electionTimeoutMinMs: timing?.electionTimeoutMinMs ?? 300, electionTimeoutMaxMs: timing?.electionTimeoutMaxMs ?? 500, heartbeatMs: timing?.heartbeatMs ?? 150,
  }));
  const [problem, setProblem] = useState<string | null>(null);
  const apply = (next: Fields) => {
    setFields(next);
    try {
      setTiming.perform(ctx, next);
      const entries = compact.on ? compact.entries : null;
      if (canCompact && entries !== (compactAfter ?? null)) setAutoCompact.perform(ctx, entries);
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
      {canCompact && <CompactionField value={compact} onChange={setCompact} />}
      {problem && <p className="form-error" role="alert">{problem}</p>}
      <button className="btn primary block" onClick={() => apply(fields)}>Apply timing</button>
      <div className="preset-row">
        {PRESETS.map((p) => <button key={p.label} className="btn small" onClick={() => apply(p.timing)}>{p.label}</button>)}
      </div>
    </div>
  );
});

interface Compaction {
  readonly on: boolean;
  readonly entries: number;
}

/** Automatic log compaction (§7): on, after how many applied entries; off leaves Save snapshot only. */
function CompactionField({ value, onChange }: { value: Compaction; onChange: (next: Compaction) => void }) {
  return (
    <div className="field-row">
      <label className="field">
        <span>Automatic log compaction</span>
        <input type="checkbox" checked={value.on} onChange={(e) => onChange({ ...value, on: e.target.checked })} />
      </label>
      <label className="field">
        <span>Compact after (applied entries)</span>
        <input type="number" min={1} step={50} value={value.entries} disabled={!value.on} onChange={(e) => onChange({ ...value, entries: Number(e.target.value) })} />
      </label>
    </div>
  );
}
