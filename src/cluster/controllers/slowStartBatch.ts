/**
 * controller.slowStartBatch on the virtual clock: calls `fn` for `count`
 * items in batches of 1, 2, 4, … (starting at `initialBatchSize`); the calls
 * of a batch run together, and the next batch starts only when every call of
 * the previous one has answered and all succeeded. `done` gets the number of
 * calls that succeeded and the number never attempted (after a failure).
 */
export function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: (index: number, answer: (ok: boolean) => void) => void,
  done?: (succeeded: number, skipped: number) => void,
): void {
  let next = 0;
  let succeeded = 0;
  const runBatch = (size: number): void => {
    const batch = Math.min(size, count - next);
    if (batch <= 0) {
      done?.(succeeded, 0);
      return;
    }
    let waiting = batch;
    let failed = false;
    const first = next;
    next += batch;
    for (let i = 0; i < batch; i++) {
      fn(first + i, (ok) => {
        if (ok) succeeded++;
        else failed = true;
        if (--waiting > 0) return;
        if (failed) done?.(succeeded, count - next);
        else runBatch(2 * batch);
      });
    }
  };
  runBatch(Math.max(1, initialBatchSize));
}

/** controller.SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;
