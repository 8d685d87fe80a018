import { DEMO_CASES } from "@dutylist/core/testing";
import { describe, expect, it } from "vitest";
import { runDemo } from "./demo.ts";
import { displayWidth } from "./display-width.ts";
import { renderTable } from "./text-table.ts";

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
    expect(out.match(/决定编号 D-[0-9a-f]{24}/g)).toHaveLength(DEMO_CASES.length);
    // A5: the task never closed after its planned end is reported (动态调整不及时); A4: a reclaimed item pushed back down.
    expect(out).toContain("逾期未销号,动态调整不及时,予以通报(规则A5)");
    expect(out).toContain("转嫁已收回的事项,予以通报(规则A4)");
  });

  it("prints the assessment: plan check, compression, ranking, department scores and a what-if", () => {
    let out = "";
    runDemo((text) => {
      out += text;
    });
    expect(out).toContain("通过校验");
    expect(out).toContain("二级 64→17,压减 73.44%");
    const ranking = out.slice(out.indexOf("乡镇考核结果"), out.indexOf("部门考核结果"));
    expect(ranking.match(/排名第\d\/5/g)).toHaveLength(5);
    expect(out).toMatch(/部门考核结果[\s\S]*县住房和城乡建设局/);
    expect(out).toContain("模拟测算:自2025年7月1日起将白沙镇森林防火收回县林业局");
    expect(out).toContain("责任认定将改变:白沙镇 2025-10-15 配合履职事项(白沙镇次要责任");
  });
});

describe("terminal tables (cli-table3, string-width)", () => {
  it("count CJK, full-width characters and emoji as two columns so columns line up", () => {
    expect(displayWidth("城关镇")).toBe(6);
    expect(displayWidth("QX-CG")).toBe(5);
    expect(displayWidth("\uff08街道\uff09")).toBe(8);
    expect(displayWidth("✅")).toBe(2);
    // Ambiguous width: one column, as terminals draw them by default.
    expect(displayWidth("“—·”")).toBe(4);
    const rows = [
      ["城关镇", "1"],
      ["QX-CG", "2"],
      ["“乡镇”—", "3"],
      ["✅完成", "4"],
    ];
    const lines = renderTable(["乡镇", "n"], rows).split("\n");
    expect(lines).toHaveLength(rows.length + 2);
    for (const [i, row] of rows.entries()) {
      const line = lines[i + 2] ?? "";
      const cell = row[1] ?? "";
      // The second column starts at the same terminal column on every row.
      expect(displayWidth(line.slice(0, line.lastIndexOf(cell)))).toBe(
        displayWidth(lines[0]?.slice(0, lines[0].indexOf("n")) ?? ""),
      );
    }
    expect(lines[1]).toMatch(/^─+ {2}─$/);
  });
});
