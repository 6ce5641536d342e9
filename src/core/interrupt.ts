/**
 * The process-wide cancellation signal, aborted on the first SIGINT/SIGTERM. It lives alone,
 * with no imports, so that `src/cli.ts` can install the signal handlers without loading the
 * context (and chalk with it) before commander knows whether a command will run at all.
 */
export const interrupt = new AbortController();
