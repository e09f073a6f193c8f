import { useEffect, useState } from 'react';

/**
 * A module the page loads after its entry (code splitting keeps the first JavaScript to what starts
 * the workers and draws the cluster). `load()` starts the import once and shares it; `module` is
 * the module once it has arrived, so a component renders it at once, without suspending.
 */
export class Later<M> {
  private arrived: M | null = null;
  private loading: Promise<M> | null = null;

  constructor(private readonly importer: () => Promise<M>) {}

  load(): Promise<M> {
    this.loading ??= this.importer().then((module) => (this.arrived = module));
    return this.loading;
  }

  /** Start loading now; a failure is reported where the module is rendered (useLater). */
  prefetch(): void {
    this.load().catch(() => undefined);
  }

  get module(): M | null {
    return this.arrived;
  }
}

/** The module once it has arrived (null until then: render a placeholder); loads it if nobody has. */
export function useLater<M>(later: Later<M>): M | null {
  const [module, setModule] = useState<M | null>(later.module);
  const [failure, setFailure] = useState<unknown>(null);
  useEffect(() => {
    if (module) return;
    let mounted = true;
    later.load().then((arrived) => { if (mounted) setModule(arrived); }, (error: unknown) => { if (mounted) setFailure(error ?? new Error('module failed to load')); });
    return () => { mounted = false; };
  }, [later, module]);
  // As React.lazy does: a chunk that cannot be loaded is the render's error.
  if (failure) throw failure;
  return module;
}
