/**
 * A live status line on a terminal's stderr for work that may take more than a second: "label…
 * 12 s" or "12 s of 60 s", redrawn in place twice a second and erased when the work ends. It
 * appears only after the first second (fast work shows nothing) and never on a pipe or a file:
 * a CI log gets the results, not a hundred redraws.
 */
import { formatDuration } from '../duration.js';

const CLEAR = '\r\x1b[2K';
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export interface TickerOptions {
  /** How long the work may take at most, shown as "of …". */
  totalMs?: number;
  /** Wait this long before the first draw (default 1 s). */
  delayMs?: number;
  intervalMs?: number;
  clock?: () => number;
}

export interface Ticker {
  /** Erase the line before other output; the next tick draws it again. */
  clear(): void;
  stop(): void;
}

const elapsedText = (ms: number) => (ms < 120_000 ? `${Math.floor(ms / 1000)} s` : formatDuration(ms));

export function startTicker(write: (s: string) => void, label: string, options: TickerOptions = {}): Ticker {
  const clock = options.clock ?? Date.now;
  const started = clock();
  let frame = 0;
  let shown = false;
  const draw = () => {
    const elapsed = clock() - started;
    const of = options.totalMs !== undefined ? ` of ${formatDuration(options.totalMs)}` : '';
    write(`${CLEAR}${FRAMES[frame++ % FRAMES.length]} ${label}… ${elapsedText(elapsed)}${of}`);
    shown = true;
  };
  let timer: NodeJS.Timeout | undefined;
  const first = setTimeout(() => {
    draw();
    timer = setInterval(draw, options.intervalMs ?? 500);
    timer.unref();
  }, options.delayMs ?? 1000);
  first.unref();
  const clear = () => {
    if (shown) write(CLEAR);
    shown = false;
  };
  return {
    clear,
    stop() {
      clearTimeout(first);
      if (timer) clearInterval(timer);
      clear();
    },
  };
}
