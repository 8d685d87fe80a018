import type { AccessRole, Actor } from "@dutylist/core";

/**
 * One user per role in the demo county 青溪县 (QX), for the tokens `pnpm start` prints and
 * `dutylist token --role …` mints: the township user is 城关镇's, the department user the county's
 * comprehensive law-enforcement bureau's (县综合行政执法局).
 * @example demoActor("INSPECTOR").countyCode // "QX"
 */
export function demoActor(role: AccessRole, countyCode = "QX"): Actor {
  const base = {
    subject: `demo:${countyCode}:${role.toLowerCase()}`,
    role,
    countyCode,
    counties: [],
    townshipCode: null,
    departmentCode: null,
  };
  switch (role) {
    case "ADMINISTRATOR":
      return { ...base, name: "示范管理员" };
    case "ASSESSOR":
      return { ...base, name: "县委组织部考核科" };
    case "LIST_OFFICE":
      return { ...base, name: "县委编办" };
    case "PROVINCIAL_APPROVER":
      return { ...base, name: "省委编办", countyCode: null, counties: [countyCode] };
    case "DEPARTMENT":
      return { ...base, name: "县综合行政执法局", departmentCode: "ZHZFJ" };
    case "TOWNSHIP":
      return { ...base, name: "城关镇", townshipCode: `${countyCode}-CG` };
    case "INSPECTOR":
      return { ...base, name: "县纪委监委" };
    case "BI_READER":
      return { ...base, name: "数据分析" };
    case "HOTLINE":
      return { ...base, name: "县12345热线派单席" };
  }
}
