import { isoDate } from "../base/calendar-date.ts";
import type { FailureCase } from "../responsibility/failure-case.ts";

// The questions the demo asks of 青溪县 (demo-county.ts), one per kind of case the rules distinguish.

/** A failure case of the demo, with a title saying what it shows. */
export interface DemoCase {
  readonly title: string;
  readonly failure: FailureCase;
}

/** The demo's questions: one per kind of case the rules distinguish. */
export const DEMO_CASES: readonly DemoCase[] = [
  {
    title: "基本履职事项:低保审核失误",
    failure: {
      townshipCode: "QX-CG",
      date: isoDate("2025-03-15"),
      subject: { kind: "ITEM", itemCode: "MS-001" },
      findings: { townshipAtFault: true },
    },
  },
  {
    title: "配合履职事项,失误在配合范围内,牵头部门未落实培训",
    failure: {
      townshipCode: "QX-CG",
      date: isoDate("2025-05-10"),
      subject: { kind: "ITEM", itemCode: "PA-002" },
      findings: { townshipAtFault: true, withinCooperationContent: true, guaranteesDelivered: false },
    },
  },
  {
    title: "配合履职事项,失误不在配合范围内",
    failure: {
      townshipCode: "QX-CG",
      date: isoDate("2025-05-10"),
      subject: { kind: "ITEM", itemCode: "PA-002" },
      findings: { townshipAtFault: true, withinCooperationContent: false },
    },
  },
  {
    title: "配合履职事项,乡镇拒不配合配合内容范围内的要求",
    failure: {
      townshipCode: "QX-BS",
      date: isoDate("2025-04-02"),
      subject: { kind: "ITEM", itemCode: "LY-001" },
      findings: { townshipRefusedCooperation: true, withinCooperationContent: true },
    },
  },
  {
    title: "配合履职事项,乡镇拒绝的要求未认定在配合内容范围内",
    failure: {
      townshipCode: "QX-BS",
      date: isoDate("2025-04-02"),
      subject: { kind: "ITEM", itemCode: "LY-001" },
      findings: { townshipRefusedCooperation: true },
    },
  },
  {
    title: "上级部门收回事项,以属地管理为由追责乡镇,承接部门未承接到位",
    failure: {
      townshipCode: "QX-SM",
      date: isoDate("2025-06-01"),
      subject: { kind: "ITEM", itemCode: "ZR-002" },
      findings: { territorialClaim: true, receivingDepartmentTookOver: false },
    },
  },
  {
    title: "年中调整类型的事项:7月1日前(基本履职事项)",
    failure: {
      townshipCode: "QX-CG",
      date: isoDate("2025-05-20"),
      subject: { kind: "ITEM", itemCode: "CJ-001" },
      findings: { townshipAtFault: true },
    },
  },
  {
    title: "年中调整类型的事项:7月1日后(已收回县综合行政执法局)",
    failure: {
      townshipCode: "QX-CG",
      date: isoDate("2025-08-20"),
      subject: { kind: "ITEM", itemCode: "CJ-001" },
      findings: { townshipAtFault: true },
    },
  },
  {
    title: "已登记的临时性工作任务(乡镇牵头),任务期间",
    failure: {
      townshipCode: "QX-CG",
      date: isoDate("2025-05-01"),
      subject: { kind: "MATTER", description: "城乡环境卫生集中整治不到位" },
      findings: { temporaryTaskId: "QX-TT-2025-01" },
    },
  },
  {
    title: "逾期未销号的临时性工作任务(计划9月30日结束),乡镇配合职责已终止",
    failure: {
      townshipCode: "QX-TY",
      date: isoDate("2025-12-20"),
      subject: { kind: "MATTER", description: "山塘隐患排查遗漏" },
      findings: { temporaryTaskId: "QX-TT-2025-02", townshipAtFault: true, withinCooperationContent: true },
    },
  },
  {
    title: "已销号的临时性工作任务",
    failure: {
      townshipCode: "QX-CG",
      date: isoDate("2025-08-01"),
      subject: { kind: "MATTER", description: "城乡环境卫生集中整治不到位" },
      findings: { temporaryTaskId: "QX-TT-2025-01" },
    },
  },
  {
    title: "清单外事项,部门未经登记转嫁",
    failure: {
      townshipCode: "QX-TY",
      date: isoDate("2025-09-12"),
      subject: { kind: "MATTER", description: "建筑工地扬尘污染执法检查" },
      findings: { pushedDownBy: "ZJJ", townshipAtFault: true },
    },
  },
  {
    title: "上级部门收回事项,其他部门转回乡镇",
    failure: {
      townshipCode: "QX-SM",
      date: isoDate("2025-06-01"),
      subject: { kind: "ITEM", itemCode: "ZR-002" },
      findings: { pushedDownBy: "ZJJ", townshipAtFault: true },
    },
  },
  {
    title: "收回事项中乡镇弄虚作假",
    failure: {
      townshipCode: "QX-BS",
      date: isoDate("2025-10-08"),
      subject: { kind: "ITEM", itemCode: "SC-001" },
      findings: { falsifiedBy: [{ kind: "TOWNSHIP", code: "QX-BS" }] },
    },
  },
];
