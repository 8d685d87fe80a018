/** A county (县(市、区)): compiles its townships' lists, assesses them and its departments. */
export interface County {
  readonly code: string;
  readonly name: string;
}

/** 乡镇 or 街道; the name matters to readers, the kind to reports. */
export type TownshipKind = "TOWN" | "TOWNSHIP" | "SUBDISTRICT";

/** A township (乡镇(街道)): the unit whose three lists the county compiles. */
export interface Township {
  readonly code: string;
  readonly countyCode: string;
  readonly name: string;
  readonly kind: TownshipKind;
}

/** A county-level functional department (县级部门): leads cooperative items, receives reclaimed ones. */
export interface Department {
  readonly code: string;
  readonly countyCode: string;
  readonly name: string;
}

/** A party that can bear responsibility: a township or a department, named by its code. */
export type PartyRef =
  | { readonly kind: "TOWNSHIP"; readonly code: string }
  | { readonly kind: "DEPARTMENT"; readonly code: string };

/**
 * Stable key of a party, e.g. `DEPARTMENT:XFJY`; used for sorting and de-duplication.
 * @example partyKey({ kind: "DEPARTMENT", code: "XFJY" }) // "DEPARTMENT:XFJY"
 */
export function partyKey(party: PartyRef): string {
  return `${party.kind}:${party.code}`;
}
