import { memo } from 'react';
import { HistoryChart } from './HistoryChart';
import { KvForm } from './KvForm';
import { MachineTable } from './MachineTable';
import { OpList } from './OpList';

/** The KV client: send commands, watch them commit, compare the nodes' stores, check the history. */
export const KvPanel = memo(function KvPanel() {
  return (
    <div className="kv-panel">
      <h2 className="card-title">Client</h2>
      <KvForm />
      <OpList />
      <HistoryChart />
      <MachineTable />
    </div>
  );
});
