import type { Database } from "@dutylist/store";
import { createYoga } from "graphql-yoga";
import { createCaches, createContext } from "./context.ts";
import { useDownloads } from "./downloads.ts";
import { schema } from "./schema/index.ts";

/**
 * The GraphQL server as a fetch handler: GraphiQL at /graphql, unexpected errors masked (domain
 * errors reach clients as typed union members instead), and the file downloads under /export/.
 */
export function createApi(db: Database) {
  // Shared by every request of this instance: loaded counties and assessment years, by revision.
  const caches = createCaches();
  return createYoga({
    schema,
    graphqlEndpoint: "/graphql",
    graphiql: { title: "乡镇履职事项清单 · GraphQL" },
    maskedErrors: true,
    context: () => createContext(db, caches),
    plugins: [useDownloads(db, caches)],
  });
}
