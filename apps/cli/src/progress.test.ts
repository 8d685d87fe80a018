import { describe, expect, it } from "vitest";
import type { CliIo } from "./cli-io.ts";
import { progressBar } from "./progress.ts";

function capture(stderrIsTTY: boolean): { io: CliIo; text: () => string } {
  let stderr = "";
  const io: CliIo = {
    stdout: () => undefined,
    stderr: (text) => {
      stderr += text;
    },
    stderrIsTTY,
    cwd: "/",
    env: {},
  };
  return { io, text: () => stderr };
}

describe("progress on stderr (cli-progress)", () => {
  it("draws a bar with share and counts on a terminal, a note, and clears the line at the end", () => {
    const { io, text } = capture(true);
    const bar = progressBar(io, true, "写入");
    bar.update(1_500, 3_000);
    expect(text()).toContain("写入 [");
    expect(text()).toContain("50% 1,500/3,000");
    bar.note("(一个事务)…");
    bar.finish("已写入");
    expect(text()).toContain("写入 (一个事务)…");
    expect(text()).toContain("\u001b[2K");
    expect(text().endsWith("已写入\n")).toBe(true);
  });

  it("counts without a bar when the total is unknown", () => {
    const { io, text } = capture(true);
    const bar = progressBar(io, true, "读取");
    bar.update(12_345, null, "行");
    bar.finish();
    expect(text()).toContain("读取 12,345 行");
    expect(text()).not.toMatch(/[█░]/);
  });

  it("prints only the closing message off a terminal, and nothing with --json", () => {
    const plain = capture(false);
    const bar = progressBar(plain.io, true, "读取");
    bar.update(10, 100);
    bar.finish("已读取");
    expect(plain.text()).toBe("已读取\n");
    const json = capture(true);
    const silent = progressBar(json.io, false, "读取");
    silent.update(10, 100);
    silent.finish("已读取");
    expect(json.text()).toBe("");
  });
});
