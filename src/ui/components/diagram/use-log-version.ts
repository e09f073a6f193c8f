import { useEffect, useState } from 'react';
import type { MessageLog } from '../../model/message-log';

/** How often at most the diagram redraws for new messages (a picture read, not watched frame by frame). */
const REDRAW_MS = 150;

/** The log's version, re-rendering at most every REDRAW_MS while messages stream in. */
export function useLogVersion(log: MessageLog): number {
  const [version, setVersion] = useState(log.version);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = log.subscribe(() => {
      timer ??= setTimeout(() => {
        timer = null;
        setVersion(log.version);
      }, REDRAW_MS);
    });
    setVersion(log.version);
    return () => {
      stop();
      if (timer !== null) clearTimeout(timer);
    };
  }, [log]);
  return version;
}
