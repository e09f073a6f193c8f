import { memo } from 'react';
import { ESCAPE_PATTERN, escapeInvisible, splitIsolated } from '../../model/user-text';

/**
 * User text on screen (src/ui/model/user-text.ts): in <bdi>, so a right-to-left or overriding
 * character cannot reorder the text around it, with invisible characters written as escapes that
 * are styled apart from what the user typed.
 */
export const UserText = memo(function UserText({ text }: { text: string }) {
  return <bdi className="user-text"><Escaped text={escapeInvisible(text)} /></bdi>;
});

/** A string that embeds user text made with `isolate` (a timeline title, a result): each embedded part in <bdi>. */
export const RichText = memo(function RichText({ text }: { text: string }) {
  return (
    <>
      {splitIsolated(text).map((part, i) => (part.isolated ? <bdi key={i} className="user-text"><Escaped text={part.text} /></bdi> : part.text))}
    </>
  );
});

function Escaped({ text }: { text: string }) {
  // split with a capturing group: odd positions are the escapes.
  const pieces = text.split(ESCAPE_PATTERN);
  if (pieces.length === 1) return <>{text}</>;
  return <>{pieces.map((piece, i) => (i % 2 === 1 ? <span key={i} className="esc">{piece}</span> : piece))}</>;
}
