import { type CountyDataset, type Department, ok, type Township } from "@dutylist/core";
import { type Database, listCounties, loadCountyDataset } from "@dutylist/store";
import { type CliResult, notFound, usage } from "./cli-io.ts";

/**
 * The county a command is about: `--county`, else the only county stored.
 * @example await chooseCounty(db, undefined) // ok("QX") when only 青溪县 is stored
 */
export async function chooseCounty(db: Database, code: string | undefined): Promise<CliResult<string>> {
  const counties = await listCounties(db);
  const names = counties.map((c) => `${c.code} ${c.name}`).join("、");
  if (code !== undefined) {
    return counties.some((c) => c.code === code)
      ? ok(code)
      : notFound(`县 ${code} 未入库${counties.length === 0 ? "" : `(库中有:${names})`}`);
  }
  const [only, ...others] = counties;
  if (only === undefined) {
    return notFound("库中还没有县:请先用 dutylist import 导入清单(或 pnpm start 载入示范县)");
  }
  if (others.length > 0) return usage(`库中有 ${counties.length} 个县(${names}),请用 --county 指定`);
  return ok(only.code);
}

/**
 * The chosen county's whole dataset.
 * @example const county = await loadChosenCounty(db, values.county)
 */
export async function loadChosenCounty(
  db: Database,
  code: string | undefined,
): Promise<CliResult<CountyDataset>> {
  const chosen = await chooseCounty(db, code);
  if (!chosen.ok) return chosen;
  const dataset = await loadCountyDataset(db, chosen.value);
  return dataset === null ? notFound(`县 ${chosen.value} 未入库`) : ok(dataset);
}

function normalizeName(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")");
}

function resolveParty<T extends { readonly code: string; readonly name: string }>(
  kind: string,
  parties: readonly T[],
  text: string,
): CliResult<T> {
  const byCode = parties.find((p) => p.code === text.trim());
  if (byCode !== undefined) return ok(byCode);
  const named = parties.filter((p) => normalizeName(p.name) === normalizeName(text));
  const [first, ...more] = named;
  if (first === undefined) return notFound(`${kind}“${text}”不存在:须为${kind}的编码或名称`);
  if (more.length > 0) {
    return usage(`${kind}名称“${text}”对应多个编码(${named.map((p) => p.code).join("、")}),请改用编码`);
  }
  return ok(first);
}

/**
 * A township by its code or its name.
 * @example resolveTownship(demoCounty(), "城关镇") // ok({ code: "QX-CG", … })
 */
export function resolveTownship(dataset: CountyDataset, text: string): CliResult<Township> {
  return resolveParty("乡镇(街道)", dataset.townships, text);
}

/**
 * A department by its code or its name.
 * @example resolveDepartment(demoCounty(), "县林业局") // ok({ code: "LYJ", … })
 */
export function resolveDepartment(dataset: CountyDataset, text: string): CliResult<Department> {
  return resolveParty("部门", dataset.departments, text);
}
