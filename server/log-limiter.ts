// Repeated log lines, rate-limited per kind: the first `burst` lines of a kind in an interval are
// written, the rest only counted, and one summary line per interval says how many were left out.
// No client can flood the log, however many connections it opens or messages it sends.

export interface LogLimiter {
  /** Logs `text` unless `kind` has used up its lines for this interval. */
  line(kind: string, text: string): void;
  /** Writes any pending summaries now and forgets all state (on shutdown). */
  flush(): void;
}

export interface LogLimiterOptions {
  /** Lines of one kind written per interval before the rest are counted (default 20). */
  burst?: number;
  /** Length of an interval (default 10 s). */
  intervalMs?: number;
  /** What the summary lines start with (default `relay`). */
  label?: string;
}

interface Window {
  startedAt: number;
  written: number;
  suppressed: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export function createLogLimiter(log: (line: string) => void, options: LogLimiterOptions = {}): LogLimiter {
  const burst = options.burst ?? 20;
  const intervalMs = options.intervalMs ?? 10_000;
  const label = options.label ?? 'relay';
  const windows = new Map<string, Window>();

  const write = (text: string): void => {
    try {
      log(text);
    } catch {
      // A failing logger must not take a connection, or the relay, down with it.
    }
  };

  function summarise(kind: string, window: Window): void {
    if (window.timer) clearTimeout(window.timer);
    window.timer = null;
    if (window.suppressed > 0) {
      const s = window.suppressed === 1 ? '' : 's';
      write(`${label}: ${window.suppressed} similar line${s} suppressed in the last ${intervalMs / 1000} s (${kind})`);
    }
    window.suppressed = 0;
  }

  return {
    line(kind, text) {
      const now = performance.now();
      let window = windows.get(kind);
      if (window && now - window.startedAt >= intervalMs) {
        summarise(kind, window);
        window = undefined;
      }
      if (!window) {
        window = { startedAt: now, written: 0, suppressed: 0, timer: null };
        windows.set(kind, window);
      }
      if (window.written < burst) {
        window.written++;
        write(text);
        return;
      }
      window.suppressed++;
      if (!window.timer) {
        const current = window;
        current.timer = setTimeout(
          () => {
            summarise(kind, current);
            if (windows.get(kind) === current) windows.delete(kind);
          },
          Math.max(0, intervalMs - (now - current.startedAt)),
        );
        current.timer.unref?.();
      }
    },
    flush() {
      for (const [kind, window] of windows) summarise(kind, window);
      windows.clear();
    },
  };
}
