import { type DocumentNode, GraphQLError, Kind, type ValueNode, visit } from "graphql";
import type { Plugin } from "graphql-yoga";

// Text a client sends is stored as PostgreSQL text, which holds no NUL character, and as UTF-8,
// which has no lone UTF-16 surrogate: either made the write fail deep in the store, answered as a
// masked "Unexpected error." naming nothing (finding 7). Every string argument and input field,
// literal or variable, is checked once here, before execution, and the error names its path.

/**
 * The longest string any argument or input field takes, in UTF-16 code units (docs/api.md, "Limits").
 * @example MAX_STRING_LENGTH // 10000
 */
export const MAX_STRING_LENGTH = 10_000;

// NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what is looked for.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function hex(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Why a string cannot be stored, in words, or null when it can: a NUL character, a lone UTF-16
 * surrogate (each with its position), or more than MAX_STRING_LENGTH code units.
 * @example unstorableText("a\u0000b") // "含有 NUL 字符(U+0000,第 2 个字符)"
 */
export function unstorableText(text: string): string | null {
  if (text.length > MAX_STRING_LENGTH) return `超过 ${MAX_STRING_LENGTH} 个字符(收到 ${text.length} 个)`;
  const found = UNSTORABLE.exec(text);
  if (found === null) return null;
  const code = text.charCodeAt(found.index);
  return code === 0
    ? `含有 NUL 字符(U+0000,第 ${found.index + 1} 个字符)`
    : `含有不成对的 UTF-16 代理项 ${hex(code)}(第 ${found.index + 1} 个字符),不是有效的 Unicode 文本`;
}

interface Problem {
  readonly field: string;
  readonly why: string;
}

/** The first unstorable string in a variable's value (JSON), by path. */
function checkJson(value: unknown, path: string): Problem | null {
  if (typeof value === "string") {
    const why = unstorableText(value);
    return why === null ? null : { field: path, why };
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = checkJson(item, `${path}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = checkJson(item, `${path}.${key}`);
      if (found !== null) return found;
    }
  }
  return null;
}

/** The first unstorable string in an argument's value as written, following variables. */
function checkValue(
  node: ValueNode,
  path: string,
  variables: Readonly<Record<string, unknown>>,
): Problem | null {
  switch (node.kind) {
    case Kind.STRING: {
      const why = unstorableText(node.value);
      return why === null ? null : { field: path, why };
    }
    case Kind.VARIABLE:
      return checkJson(variables[node.name.value], path);
    case Kind.LIST:
      for (const [i, item] of node.values.entries()) {
        const found = checkValue(item, `${path}[${i}]`, variables);
        if (found !== null) return found;
      }
      return null;
    case Kind.OBJECT:
      for (const field of node.fields) {
        const found = checkValue(field.value, `${path}.${field.name.value}`, variables);
        if (found !== null) return found;
      }
      return null;
    default:
      return null;
  }
}

/** One argument of a document as written: its path and its value node. */
interface ArgumentAt {
  readonly path: string;
  readonly value: ValueNode;
}

/** Whether a value as written names a variable anywhere in it. */
function hasVariable(node: ValueNode): boolean {
  switch (node.kind) {
    case Kind.VARIABLE:
      return true;
    case Kind.LIST:
      return node.values.some(hasVariable);
    case Kind.OBJECT:
      return node.fields.some((field) => hasVariable(field.value));
    default:
      return false;
  }
}

// Per document (yoga keeps one parsed document per query text): the arguments a request's
// variables can make unstorable, and those unstorable as written, in document order. Literals
// that are storable are checked once, here, not on every request.
const argumentsToCheck = new WeakMap<DocumentNode, readonly ArgumentAt[]>();

function argumentsOf(document: DocumentNode): readonly ArgumentAt[] {
  let found = argumentsToCheck.get(document);
  if (found !== undefined) return found;
  const checked: ArgumentAt[] = [];
  visit(document, {
    Field(field) {
      for (const argument of field.arguments ?? []) {
        const path = `${field.name.value}.${argument.name.value}`;
        if (hasVariable(argument.value) || checkValue(argument.value, path, {}) !== null)
          checked.push({ path, value: argument.value });
      }
    },
  });
  found = checked;
  argumentsToCheck.set(document, found);
  return found;
}

/**
 * The first string argument of a document that cannot be stored, named by its path (schema field,
 * argument, input fields, list positions: `addWhistleRequests.whistles[3].id`), or null.
 * @example findUnstorableArgument(parse('{ county(code: "Q\\u0000X") { name } }'), {}) // { field: "county.code", why: "含有 NUL 字符…" }
 */
export function findUnstorableArgument(
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
): Problem | null {
  for (const { path, value } of argumentsOf(document)) {
    const problem = checkValue(value, path, variables);
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * Refuses, before execution, an operation with a string argument that cannot be stored: one error
 * with code BAD_USER_INPUT naming the field's path (`extensions.field`); nothing runs.
 * @example createYoga({ schema, plugins: [useStorableStrings()] })
 */
export function useStorableStrings(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const variables = (args.variableValues ?? {}) as Readonly<Record<string, unknown>>;
      const problem = findUnstorableArgument(args.document, variables);
      if (problem === null) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(`参数 ${problem.field} ${problem.why}`, {
            extensions: { code: "BAD_USER_INPUT", field: problem.field },
          }),
        ],
      });
    },
  };
}
