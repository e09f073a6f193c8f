/** One measured figure. Each bench module's default export returns a list of these. */
export interface BenchLine {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** How it was measured, and the target if the issue sets one. */
  readonly detail?: string;
}

export type BenchModule = () => Promise<BenchLine[]>;
