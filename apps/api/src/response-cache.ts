import type { Actor } from "@dutylist/core";
import type { CountyRevisions } from "@dutylist/store";
import { type DocumentNode, type ExecutionResult, Kind, type OperationDefinitionNode } from "graphql";
import type { GraphQLParams, Plugin } from "graphql-yoga";
import { actorOf } from "./authentication.ts";
import type { Context } from "./context.ts";

// Answers kept whole, for the queries whose answer is a function of who asks, what they ask and
// the revisions of the counties it reads: the flat score facts (BI tools ask for the same pages
// over and over while nothing is written; issue 16, B4). A kept answer is the serialised result
// of an earlier request by the same actor (every field of the verified token: subject, role,
// county, counties, unit) with the same document, operation name, variables and extensions, and
// it is served only while every county it read is still at the revision it was computed at.
//
// Why that is safe: the access matrix (`authorize`) is a pure function of the actor and the
// operation's arguments, so the same actor asking the same thing is granted again; the token
// itself is verified on every request before this cache is asked (authentication.ts); only
// answers without errors are kept, so a refusal is never kept and never hides a grant; reads are
// not logged; and every write moves the county's revision (triggers on every table), so no kept
// answer survives a write. An answer that read the day (`ctx.today()`), or a county's lists
// without the county's revision of everything, is not kept.

/**
 * The root fields whose answers may be kept: each reads only the county's assessment year, kept
 * by the county's revision (loaded-assessment.ts), and nothing else of the database or the clock.
 * @example KEPT_FIELDS.has("townshipScoreFacts") // true
 */
export const KEPT_FIELDS: ReadonlySet<string> = new Set(["townshipScoreFacts", "departmentScoreFacts"]);

/** How many answers are kept, and the largest kept (characters of JSON). */
export const RESPONSE_CACHE_LIMITS = { entries: 32, characters: 512 * 1024 } as const;

interface Kept {
  /** The revision of everything of each county read, when the answer was computed. */
  readonly revisions: readonly (readonly [string, bigint])[];
  readonly data: Record<string, unknown> | null;
  readonly text: string;
}

/** What one request's operation is, between the hooks that see it. */
interface Pending {
  readonly key: string;
  hit: boolean;
  keepable: boolean;
}

const actorKeys = new WeakMap<Actor, string>();

function actorKey(actor: Actor): string {
  let key = actorKeys.get(actor);
  if (key === undefined) {
    key = JSON.stringify([
      actor.subject,
      actor.name,
      actor.role,
      actor.countyCode,
      actor.counties,
      actor.townshipCode,
      actor.departmentCode,
    ]);
    actorKeys.set(actor, key);
  }
  return key;
}

/** Whether a query's text names a kept field at all: most do not, and cost no key. */
function namesKeptField(query: string): boolean {
  for (const field of KEPT_FIELDS) if (query.includes(field)) return true;
  return false;
}

function keyOf(actor: Actor, params: GraphQLParams): string | null {
  if (typeof params.query !== "string" || !namesKeptField(params.query)) return null;
  return JSON.stringify([
    actorKey(actor),
    params.query,
    params.operationName ?? null,
    params.variables ?? null,
    params.extensions ?? null,
  ]);
}

const keepableDocuments = new WeakMap<DocumentNode, boolean>();

/**
 * Whether the operation that runs is a query whose root selections are all fields of
 * `KEPT_FIELDS`, written plainly (no directive, fragment or alias at the root).
 * @example keepableOperation(parse("{ townshipScoreFacts(countyCode: \"QX\", year: 2025) { __typename } }"), undefined) // true
 */
export function keepableOperation(document: DocumentNode, operationName: string | null | undefined): boolean {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    operationName == null && operations.length === 1
      ? operations[0]
      : operations.find((o) => o.name?.value === operationName);
  if (operation === undefined || operation.operation !== "query") return false;
  if ((operation.directives ?? []).length > 0) return false;
  return operation.selectionSet.selections.every(
    (s) =>
      s.kind === Kind.FIELD &&
      KEPT_FIELDS.has(s.name.value) &&
      s.alias === undefined &&
      (s.directives ?? []).length === 0,
  );
}

function keepable(document: DocumentNode, operationName: string | null | undefined): boolean {
  // One document per query text (yoga's parser cache): named operations are rare, so not memoised.
  if (operationName != null) return keepableOperation(document, operationName);
  let known = keepableDocuments.get(document);
  if (known === undefined) {
    known = keepableOperation(document, operationName);
    keepableDocuments.set(document, known);
  }
  return known;
}

/** The revisions an answer was computed at, or null when it read anything else that may change. */
async function revisionsRead(context: object): Promise<Kept["revisions"] | null> {
  const reads = (context as Partial<Pick<Context, "reads">>).reads?.();
  if (reads === undefined || reads.today || reads.revisions.size === 0) return null;
  for (const county of reads.listRevisions.keys()) if (!reads.revisions.has(county)) return null;
  const read = [...reads.revisions];
  const values = await Promise.all(read.map(([, revision]) => revision));
  return read.map(([county], i) => [county, values[i] ?? -1n] as const);
}

/** Whether every county of a kept answer is still at the revision it was computed at. */
async function current(kept: Kept, revisions: CountyRevisions): Promise<boolean> {
  for (const [county, revision] of kept.revisions)
    if ((await revisions.read(county)) !== revision) return false;
  return true;
}

/** The kept answers of one API instance, least recently used dropped first. */
class KeptAnswers {
  private readonly entries = new Map<string, Kept>();

  get(key: string): Kept | undefined {
    const kept = this.entries.get(key);
    if (kept !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, kept);
    }
    return kept;
  }

  set(key: string, kept: Kept): void {
    this.entries.delete(key);
    this.entries.set(key, kept);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= RESPONSE_CACHE_LIMITS.entries) break;
      this.entries.delete(oldest);
    }
  }

  drop(key: string): void {
    this.entries.delete(key);
  }
}

/** A result that serialises to text already written. */
function serialised(data: Kept["data"], text: string): ExecutionResult & { stringify: () => string } {
  return { data, stringify: () => text };
}

/**
 * A yoga plugin, after authentication: answers a query of `KEPT_FIELDS` from the answer kept for
 * the same actor, document and variables while the counties it read keep their revisions, and
 * keeps such answers when they are computed without errors. `revisions` are the API's shared
 * revision reads (the same the kept assessment years are checked against).
 * @example createYoga({ schema, plugins: [useAuthentication(…), useResponseCache(caches.revisions)] })
 */
export function useResponseCache(revisions: CountyRevisions): Plugin {
  const answers = new KeptAnswers();
  const pending = new WeakMap<object, Pending>();
  return {
    async onParams({ params, request, context, setResult }) {
      const actor = actorOf(request);
      const key = actor === null ? null : keyOf(actor, params);
      if (key === null) return;
      const state: Pending = { key, hit: false, keepable: false };
      pending.set(context, state);
      const kept = answers.get(key);
      if (kept === undefined) return;
      if (!(await current(kept, revisions))) {
        answers.drop(key);
        return;
      }
      state.hit = true;
      setResult(serialised(kept.data, kept.text));
    },
    onExecute({ args }) {
      const state = pending.get(args.contextValue as object);
      if (state !== undefined) state.keepable = keepable(args.document, args.operationName);
    },
    async onExecutionResult({ result, context, setResult }) {
      const state = pending.get(context);
      if (state === undefined || state.hit || !state.keepable || result === undefined) return;
      if (Symbol.asyncIterator in result) return;
      if ((result.errors?.length ?? 0) > 0 || result.extensions !== undefined) return;
      const read = await revisionsRead(context);
      if (read === null) return;
      const text = JSON.stringify(result);
      if (text.length > RESPONSE_CACHE_LIMITS.characters) return;
      const data = result.data ?? null;
      answers.set(state.key, { revisions: read, data, text });
      setResult(serialised(data, text));
    },
  };
}
