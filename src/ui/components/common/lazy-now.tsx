import { lazy, useState, type ComponentType } from 'react';

export interface NowOrLater<P extends object> {
  (props: P): React.JSX.Element;
  /** Start fetching the chunk now (once); resolves when it is there. */
  preload(): Promise<unknown>;
}

/**
 * React.lazy, except that a component whose chunk has already arrived renders at once. React.lazy
 * suspends on its first render even when the import has resolved, and React then holds the
 * boundary's content back for up to 300 ms after showing its fallback (its fallback throttle):
 * a lesson's first step and the header both waited for that on every page load.
 */
export function lazyNow<P extends object>(load: () => Promise<ComponentType<P>>): NowOrLater<P> {
  let ready: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const start = (): Promise<ComponentType<P>> => (loading ??= load().then((component) => (ready = component)));
  const Later = lazy(async () => ({ default: await start() }));
  function NowOrLater(props: P) {
    // Chosen once per mount: switching from Later to the component itself would remount it.
    const [Chosen] = useState(() => ready ?? Later);
    return <Chosen {...props} />;
  }
  return Object.assign(NowOrLater, { preload: start });
}
