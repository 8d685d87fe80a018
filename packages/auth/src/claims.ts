import { type AccessRole, type Actor, isAccessRole } from "@dutylist/core";
import type { JWTPayload } from "jose";

/**
 * The claims a token carries besides the registered ones (`sub`, `aud`, `iss`, `exp`): who the
 * user is and the role they hold, with its county and unit. An identity provider issuing tokens
 * for the engine puts these in (docs/security.md).
 */
export interface DutyListClaims {
  readonly name: string;
  readonly role: AccessRole;
  /** The county the role is held in; absent for a provincial approver and a deployment administrator. */
  readonly county?: string;
  /** A provincial approver's counties. */
  readonly counties?: readonly string[];
  /** A township user's township code. */
  readonly township?: string;
  /** A department user's department code. */
  readonly department?: string;
}

const text = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

/**
 * The actor a verified token's payload names, or what is missing or wrong in it: a role the engine
 * knows, a county for every county-scoped role, the counties of a provincial approver, the unit of a
 * department or township user.
 * @example actorFromClaims({ sub: "u1", name: "张三", role: "INSPECTOR", county: "QX" }) // ok(actor)
 */
export function actorFromClaims(
  payload: JWTPayload,
): { ok: true; actor: Actor } | { ok: false; problem: string } {
  const { sub, name, role, county, counties, township, department } = payload as Record<string, unknown>;
  if (!text(sub)) return { ok: false, problem: "令牌缺少 sub(用户标识)" };
  if (!text(role) || !isAccessRole(role))
    return { ok: false, problem: `令牌的 role「${String(role)}」不是本系统的角色` };
  const countyCode = text(county) ? county : null;
  const list = Array.isArray(counties) ? counties.filter(text) : [];
  if (role === "PROVINCIAL_APPROVER" && list.length === 0)
    return { ok: false, problem: "省级审批账号的令牌须载明 counties(本省的县(市、区)代码)" };
  if (role !== "PROVINCIAL_APPROVER" && role !== "ADMINISTRATOR" && countyCode === null)
    return { ok: false, problem: `角色 ${role} 的令牌须载明 county(县(市、区)代码)` };
  if (role === "TOWNSHIP" && !text(township))
    return { ok: false, problem: "乡镇(街道)账号的令牌须载明 township" };
  if (role === "DEPARTMENT" && !text(department))
    return { ok: false, problem: "县级部门账号的令牌须载明 department" };
  return {
    ok: true,
    actor: {
      subject: sub,
      name: text(name) ? name : sub,
      role,
      countyCode: role === "PROVINCIAL_APPROVER" ? null : countyCode,
      counties: role === "PROVINCIAL_APPROVER" ? list : [],
      townshipCode: role === "TOWNSHIP" && text(township) ? township : null,
      departmentCode: role === "DEPARTMENT" && text(department) ? department : null,
    },
  };
}

/**
 * The claims that name an actor, for minting its token.
 * @example claimsOf(actor).role // "INSPECTOR"
 */
export function claimsOf(actor: Actor): DutyListClaims {
  return {
    name: actor.name,
    role: actor.role,
    ...(actor.countyCode === null ? {} : { county: actor.countyCode }),
    ...(actor.counties.length === 0 ? {} : { counties: [...actor.counties] }),
    ...(actor.townshipCode === null ? {} : { township: actor.townshipCode }),
    ...(actor.departmentCode === null ? {} : { department: actor.departmentCode }),
  };
}
