/**
 * Runs `batch` until stopped: again at once after a full batch, after `pollMs` otherwise. Errors
 * go to `onError` and the loop goes on (a database that is down now may answer the next poll).
 */
export class PollLoop {
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly batch: () => Promise<number>,
    private readonly options: { batchSize: number; pollMs: number; onError: (error: unknown) => void },
  ) {}

  start(): void {
    this.loop ??= this.poll();
  }

  private async poll(): Promise<void> {
    while (!this.stopping) {
      let done = 0;
      try {
        done = await this.batch();
      } catch (error) {
        this.options.onError(error);
      }
      if (done < this.options.batchSize && !this.stopping) await this.pause();
    }
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.options.pollMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  /** Starts no batch more and resolves once the one in flight has finished. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }
}
