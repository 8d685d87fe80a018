import cliProgress from "cli-progress";
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

interface Payload {
  readonly label: string;
  /** A step without a count, shown instead of the bar. */
  readonly note: string | null;
  /** The total is unknown: a running count instead of the bar. */
  readonly counting: boolean;
  readonly detail: string;
}

function number(n: number): string {
  return n.toLocaleString("en-US");
}

const BAR_FORMAT = "{label} [{bar}] {percentage}% {value}/{total}{detail}";

/** The line: a bar with share and counts, a running count, or a note. */
const formatLine: cliProgress.GenericFormatter = (options, params, payload: Payload) => {
  if (payload.note !== null) return `${payload.label} ${payload.note}`;
  if (payload.counting) return `${payload.label} ${number(params.value)}${payload.detail}`;
  return cliProgress.Format.Formatter({ ...options, format: BAR_FORMAT }, params, payload);
};

/** stderr as the stream cli-progress draws on: writes go through `io`, so tests can capture them. */
function stderrStream(io: CliIo): NodeJS.WritableStream {
  const stream = {
    isTTY: true,
    columns: process.stderr.columns,
    write(chunk: string | Uint8Array, callback?: unknown): boolean {
      io.stderr(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      if (typeof callback === "function") callback();
      return true;
    },
  };
  // cli-progress uses write, isTTY and columns (and readline's cursor moves, which only write).
  return stream as unknown as NodeJS.WritableStream;
}

/**
 * A progress bar for a step (cli-progress), drawn on stderr only when it is a terminal and not in
 * `--json` mode; redrawn at most ten times a second, whatever the rate of updates.
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
  const bar = new cliProgress.SingleBar({
    stream: stderrStream(io),
    format: formatLine,
    formatValue: (value, _options, type) =>
      type === "value" || type === "total" ? number(value) : String(value),
    barCompleteChar: "█",
    barIncompleteChar: "░",
    barsize: 24,
    clearOnComplete: true,
    hideCursor: false,
  });
  let started = false;
  const show = (value: number, total: number, payload: Payload) => {
    if (!started) {
      bar.start(total, value, payload);
      started = true;
    } else {
      bar.setTotal(total);
      bar.update(value, payload);
    }
  };
  return {
    update(done, total, detail) {
      const suffix = detail === undefined ? "" : ` ${detail}`;
      const counting = total === null || total <= 0;
      show(done, counting ? Math.max(done, 1) : total, { label, note: null, counting, detail: suffix });
    },
    note(text) {
      show(0, 1, { label, note: text, counting: false, detail: "" });
    },
    finish(message) {
      if (started) bar.stop();
      started = false;
      if (message !== undefined) io.stderr(`${message}\n`);
    },
  };
}
