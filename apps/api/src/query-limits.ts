import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import type { Plugin } from "graphql-yoga";

// A document's size is bounded before anything costly runs on it: the token limit stops the parser
// itself (a 0.7 MB query of 20,000 aliases is refused after 4,000 tokens, in milliseconds, instead
// of being parsed and validated for seconds while every other request waits); aliases, depth and
// directives are counted by validation rules that run before the schema's own rules. What a valid
// document may cost to execute is the Pothos complexity plugin's (builder.ts: complexity 20,000,
// depth 12, breadth 300). docs/api.md ("Limits") lists these numbers.

/**
 * The limits on one GraphQL document: every documented query and every test's fits well inside.
 * @example QUERY_LIMITS.maxAliases // 30
 */
export const QUERY_LIMITS = {
  /** Lexical tokens of the document (names, punctuation, values). */
  maxTokens: 4_000,
  /** Aliased fields in one operation. */
  maxAliases: 30,
  /** Nesting of selections (introspection, as GraphiQL asks it, is exempt). */
  maxDepth: 12,
  /** Directives in one operation. */
  maxDirectives: 20,
} as const;

/**
 * The document limits as one yoga plugin (graphql-armor): tokens while parsing, then aliases,
 * depth and directives; unknown fields are not answered with a list of similar names.
 * @example createYoga({ schema, plugins: [useQueryLimits()] })
 */
export function useQueryLimits(): Plugin {
  return EnvelopArmorPlugin({
    maxTokens: { n: QUERY_LIMITS.maxTokens },
    maxAliases: { n: QUERY_LIMITS.maxAliases },
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives },
    // Execution cost is bounded by @pothos/plugin-complexity, which knows the lists' sizes.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  });
}
