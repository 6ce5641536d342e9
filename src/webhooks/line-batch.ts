/**
 * Collects output lines and writes them in one chunk per event-loop turn. A replay or a busy
 * listener prints a line per request; one write per line is one syscall per request, which at
 * thousands of requests per second costs more than the lines are worth. Lines keep their order,
 * and `flush()` (called when the command ends) writes whatever is left.
 */
export class LineBatch {
  private lines: string[] = [];
  private scheduled = false;

  constructor(private readonly write: (chunk: string) => void) {}

  push(line: string): void {
    this.lines.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.lines.length === 0) return;
    const chunk = this.lines.join('\n') + '\n';
    this.lines = [];
    this.write(chunk);
  }
}
