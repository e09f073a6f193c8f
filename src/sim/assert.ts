/** A lab assertion failed: the test's own words, as the C++ ASSERT printed them. */
export class LabFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabFailure';
  }
}

export function labAssert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new LabFailure(message);
}
