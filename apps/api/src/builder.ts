import type { IsoDate } from "@dutylist/core";
import { getDatamodel, type PrismaTypes } from "@dutylist/store";
import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import { type AccessRequest, checkAccess, unauthorizedErrorOf } from "./access.ts";
import type { Context } from "./context.ts";

/** The one schema builder: stored entities through plugin-prisma, computed results as object refs. */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  Scalars: {
    Date: { Input: IsoDate; Output: IsoDate | Date };
    Decimal: { Input: string; Output: string | { toString(): string } };
  };
  DefaultFieldNullability: false;
  AuthScopes: { access: AccessRequest };
}>({
  // Scope auth first: a refused request never reaches a resolver (access.ts).
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, ComplexityPlugin],
  scopeAuth: {
    // A refusal thrown by the loader is the error the client gets, naming what was refused.
    treatErrorsAsUnauthorized: true,
    unauthorizedError: (_parent, _ctx, _info, result) =>
      unauthorizedErrorOf(result as Parameters<typeof unauthorizedErrorOf>[0]),
    authScopes: (ctx) => ({ access: (request) => checkAccess(ctx.actor, request) }),
  },
  defaultFieldNullability: false,
  prisma: { client: (ctx) => ctx.db.prisma, dmmf: getDatamodel(), filterConnectionTotalCount: true },
  relay: {},
  errors: { defaultTypes: [] },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: { complexity: 20_000, depth: 12, breadth: 300 },
  },
});

builder.queryType({});
builder.mutationType({});
