import { describe, expect, it } from "vitest";
import { runDemo } from "./demo.ts";
import { displayWidth, renderTable } from "./text-table.ts";

describe("the demo (main job until the API lands)", () => {
  it("prints a determination for every kind of case and exits 0", () => {
    let out = "";
    const code = runDemo((text) => {
      out += text;
    });
    expect(code).toBe(0);
    for (const kind of ["基本履职事项", "配合履职事项", "上级部门收回事项", "临时性工作任务", "清单外事项"]) {
      expect(out).toContain(`→ ${kind}`);
    }
    expect(out).toContain("(清单第2版,QX-ADJ-2025-01)");
    expect(out).toContain("逾期未销号");
    expect(out).toContain("疑似明减暗增(规则L6):1 项");
    expect(out.match(/决定编号 D-[0-9a-f]{24}/g)).toHaveLength(11);
  });
});

describe("terminal tables", () => {
  it("count CJK characters as two columns so columns line up", () => {
    expect(displayWidth("城关镇")).toBe(6);
    expect(displayWidth("QX-CG")).toBe(5);
    const [header, , row] = renderTable(["乡镇", "n"], [["城关镇", "1"]]).split("\n");
    expect(displayWidth(header?.slice(0, header.indexOf("n")) ?? "")).toBe(8);
    expect(displayWidth(row?.slice(0, row.indexOf("1")) ?? "")).toBe(8);
  });
});
