/**
 * Says once, on stderr, that the capture file stopped taking records (a full disk: requests are
 * answered 503 meanwhile), and once more when it takes them again — not a line per request.
 */
export class CaptureHealth {
  private failing = false;
  private lost = 0;

  constructor(
    private readonly file: string,
    private readonly warn: (line: string) => void,
    private readonly info: (line: string) => void,
  ) {}

  failed(err: Error): void {
    this.lost += 1;
    if (this.failing) return;
    this.failing = true;
    const code = (err as NodeJS.ErrnoException).code;
    this.warn(
      `cannot write to ${this.file} (${code ?? err.message}); answering 503 so senders retry, until it can be ` +
        `written again.`,
    );
  }

  succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    this.info(`listen: writing to ${this.file} again; ${this.lost} request(s) were answered 503 meanwhile.`);
    this.lost = 0;
  }
}
