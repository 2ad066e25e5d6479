import cliProgress from 'cli-progress';

/**
 * The progress line of a sweep on a terminal: runs done of all, simulated
 * time covered, and cli-progress's ETA. Off the terminal it prints nothing,
 * so scripts and CI logs stay clean.
 */
export class Progress {
  private readonly bar: cliProgress.SingleBar | null;
  private simSeconds = 0;

  constructor(
    interactive: boolean,
    total: number,
    private readonly totalSimSeconds: number,
  ) {
    this.bar = interactive && process.stderr.isTTY === true
      ? new cliProgress.SingleBar(
          {
            format: 'runs {value}/{total} {bar} {percentage}% | simulated {sim} of {simTotal} | ETA {eta_formatted}',
            stream: process.stderr,
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
    this.bar?.start(total, 0, { sim: hours(0), simTotal: hours(totalSimSeconds) });
  }

  /** A run finished. */
  update(done: number, _total: number, simSeconds: number): void {
    this.simSeconds += simSeconds;
    this.bar?.update(done, { sim: hours(this.simSeconds), simTotal: hours(this.totalSimSeconds) });
  }

  stop(): void {
    this.bar?.stop();
  }
}

function hours(seconds: number): string {
  return `${(seconds / 3600).toFixed(1)}h`;
}
