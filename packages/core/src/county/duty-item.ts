/**
 * One legal basis of an item (设定依据): the document and, where known, the article and clause.
 * Explanations cite these, so they are structured rather than one free-text cell.
 */
export interface LegalCitation {
  /** Title of the law, regulation or policy document, e.g. 《中华人民共和国消防法》. */
  readonly document: string;
  /** e.g. 第三十二条 */
  readonly article?: string;
  /** e.g. 第一款 */
  readonly clause?: string;
}

/** What a list says about an item: its category, name, concrete tasks and legal basis. */
export interface ItemContent {
  /** 事项类别, e.g. 民生服务 */
  readonly category: string;
  /** 事项名称 */
  readonly name: string;
  /** 具体工作事项 */
  readonly tasks: readonly string[];
  /** 设定依据 */
  readonly basis: readonly LegalCitation[];
}

/**
 * A duty item (履职事项) of the county's catalogue (L1). Most items are common to every township;
 * an item with a `townshipCode` belongs to that township alone (一镇一策).
 */
export interface DutyItem {
  readonly code: string;
  readonly countyCode: string;
  /** `null` for a county-wide item; the owning township's code for a township-specific one. */
  readonly townshipCode: string | null;
  /** The content as catalogued; a list entry carries its own copy, which amendments replace. */
  readonly content: ItemContent;
}

/**
 * Renders a citation as one line, e.g. `《中华人民共和国消防法》第三十二条`.
 * @example formatCitation({ document: "《中华人民共和国消防法》", article: "第三十二条" }) // "《中华人民共和国消防法》第三十二条"
 */
export function formatCitation(citation: LegalCitation): string {
  return `${citation.document}${citation.article ?? ""}${citation.clause ?? ""}`;
}

/**
 * Renders a basis as one line, citations separated by `、`.
 * @example formatBasis([{ document: "《森林防火条例》" }, { document: "《消防安全责任制实施办法》" }]) // "《森林防火条例》、《消防安全责任制实施办法》"
 */
export function formatBasis(basis: readonly LegalCitation[]): string {
  return basis.length === 0 ? "(未载明依据)" : basis.map(formatCitation).join("、");
}
