/** One measured figure. Each bench module's default export returns a list of these. */
export interface BenchLine {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** How it was measured, and the target if the issue sets one. */
  readonly detail?: string;
}

export type BenchModule = () => Promise<BenchLine[]>;

/** Run a benchmark module on its own (`tsx bench/x.bench.ts`) when it is the entry point, printing its lines. */
export function runIfMain(moduleUrl: string, bench: BenchModule): void {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  bench().then((lines) => {
    for (const line of lines) console.log(`${line.name}: ${line.value} ${line.unit}\n  ${line.detail ?? ''}`);
  }, (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
