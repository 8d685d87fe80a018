import type { CliIo } from "./cli-io.ts";

/**
 * A progress line on stderr, drawn only on a terminal; off a terminal only the closing message is
 * printed, and with `--json` nothing at all.
 */
export interface Progress {
  /** `done` of `total` units (rows, bytes, sheets); `total` null when unknown. */
  update(done: number, total: number | null, detail?: string): void;
  /** A step without a count: the label and what is being done. */
  note(text: string): void;
  /** Clears the line (and prints `message`, when given, on stderr). */
  finish(message?: string): void;
}

const WIDTH = 24;
// Redraw at most every 80 ms: a bar redrawn per row costs more than the rows.
const INTERVAL_MS = 80;

function number(n: number): string {
  return n.toLocaleString("en-US");
}

/**
 * A progress bar for a step, drawn on stderr only when it is a terminal and not in `--json` mode.
 * @example const bar = progressBar(io, !json, "读取"); bar.update(10, 100); bar.finish()
 */
export function progressBar(io: CliIo, enabled: boolean, label: string): Progress {
  if (!enabled) return { update: () => undefined, note: () => undefined, finish: () => undefined };
  if (!io.stderrIsTTY) {
    return {
      update: () => undefined,
      note: () => undefined,
      finish: (message) => {
        if (message !== undefined) io.stderr(`${message}\n`);
      },
    };
  }
  let last = 0;
  let drawn = false;
  return {
    update(done, total, detail) {
      const now = Date.now();
      if (now - last < INTERVAL_MS && (total === null || done < total)) return;
      last = now;
      drawn = true;
      const suffix = detail === undefined ? "" : ` ${detail}`;
      if (total === null || total <= 0) {
        io.stderr(`\r\u001b[2K${label} ${number(done)}${suffix}`);
        return;
      }
      const share = Math.min(1, done / total);
      const filled = Math.round(share * WIDTH);
      io.stderr(
        `\r\u001b[2K${label} [${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}] ${Math.floor(share * 100)
          .toString()
          .padStart(3)}% ${number(done)}/${number(total)}${suffix}`,
      );
    },
    note(text) {
      drawn = true;
      io.stderr(`\r\u001b[2K${label} ${text}`);
    },
    finish(message) {
      if (drawn) io.stderr("\r\u001b[2K");
      if (message !== undefined) io.stderr(`${message}\n`);
    },
  };
}
