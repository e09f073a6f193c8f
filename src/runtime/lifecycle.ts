/**
 * One operation at a time, in the order asked: the cluster's reset, resize, restart, wipe and
 * hand-over between tabs each await IndexedDB, and two of them interleaved left orphan workers
 * (a double Reset spawned ten workers for five nodes, whose reports then merged). A failed
 * operation rejects its own promise and does not stop the ones queued after it.
 */
export class LifecycleQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(operation: () => T | Promise<T>): Promise<T> {
    const result = this.tail.then(operation);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
