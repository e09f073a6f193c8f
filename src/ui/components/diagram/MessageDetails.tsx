import { memo } from 'react';
import { usePageApp } from '../../app/context';
import type { LoggedMessage, MessageLog } from '../../model/message-log';
import { formatAt } from '../../model/timeline';
import { seekRun } from './time-link';

/** The selected arrow: the message as etcd prints it, its fate, and the rules it made the receiver cite. */
export const MessageDetails = memo(function MessageDetails({ log, message }: {
  log: MessageLog; message: LoggedMessage;
  /** The log's version: a new one re-reads the message's fate and rules. */
  version: number;
}) {
  const app = usePageApp();
  const rules = log.rulesFor(message);
  const arrived = message.endAt ?? message.deliverAt;
  return (
    <section className="dg-details" aria-label="Selected message">
      <code className="dg-line-text">{message.line ?? `${message.from}->${message.to} ${message.type}`}</code>
      <p className="small">
        Sent by node {message.from} at {formatAt(message.sentAt)};{' '}
        {message.fate === 'delivered' ? `delivered to node ${message.to} at ${formatAt(arrived)}.`
          : message.fate === 'dropped' ? `lost on the way to node ${message.to} at ${formatAt(arrived)}${message.reason ? ` (${message.reason})` : ''}.`
            : `in flight to node ${message.to}, due at ${formatAt(arrived)}.`}
        {' '}<button className="btn small" onClick={() => seekRun(app, arrived)}>Show the run at {formatAt(arrived)}</button>
      </p>
      {message.fate === 'delivered' && (rules.length > 0 ? (
        <>
          <h3 className="small">Rules it triggered at node {message.to}</h3>
          <ul className="dg-rules">
            {rules.map((rule, i) => <li key={i}><span className="dg-rule-kind">{rule.kind}</span> {rule.text}</li>)}
          </ul>
        </>
      ) : <p className="muted small">Node {message.to} cited no rule as it took this in (nothing it reports changed: e.g. a heartbeat from the leader it already follows).</p>)}
    </section>
  );
});
