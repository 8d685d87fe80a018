// A county, its townships, departments and item catalogue, and the dataset that holds them.
// The names this concept offers the rest of the core and the package index; the others are its own.

export {
  type County,
  type Department,
  type PartyRef,
  partyKey,
  type Township,
  type TownshipKind,
} from "./county.ts";
export {
  buildDirectory,
  type CountyDataset,
  type CountyDirectory,
  type ListPublication,
} from "./county-dataset.ts";
export {
  type DutyItem,
  formatBasis,
  formatCitation,
  type ItemContent,
  type LegalCitation,
} from "./duty-item.ts";
