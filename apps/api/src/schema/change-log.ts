import { ACCESS_ROLE_NAMES, isAccessRole } from "@dutylist/core";
import { access, inCounty } from "../access.ts";
import { builder } from "../builder.ts";

// The change log (issue "who may do what", part 2): the rows the store appends with every write,
// read as they are stored. Verifying the chain is `dutylist audit verify`'s (verifyChangeLog).

builder.prismaObject("ChangeLog", {
  name: "ChangeLogEntry",
  description:
    "One row of a county's append-only change log: who wrote what through which operation, and when; each row's hash covers its other columns and the hash of the row before",
  fields: (t) => ({
    countyCode: t.exposeString("countyId"),
    seq: t.exposeInt("seq", { description: "1, 2, 3… in the county" }),
    recordedAt: t.string({
      description: "the instant the row was appended, ISO-8601 in UTC with milliseconds (as hashed)",
      resolve: (row) => row.recordedAt.toISOString(),
    }),
    actorSubject: t.exposeString("actorSubject", {
      description: "the actor's stable id: a token's subject, local:cli, local:demo-loader…",
    }),
    actorName: t.exposeString("actorName"),
    actorRole: t.exposeString("actorRole", { description: "the actor's AccessRole, e.g. LIST_OFFICE" }),
    actorRoleName: t.string({
      description: "the role in Chinese, e.g. 机构编制部门(清单管理)",
      resolve: (row) => (isAccessRole(row.actorRole) ? ACCESS_ROLE_NAMES[row.actorRole] : row.actorRole),
    }),
    operation: t.exposeString("operation", {
      description: "the GraphQL field (approveAdjustment) or the command (import) that wrote",
    }),
    argumentsDigest: t.exposeString("argumentsDigest", {
      description: "hex SHA-256 of the canonical JSON of the operation's arguments",
    }),
    writtenIds: t.stringList({
      description:
        "the ids of the top-level things written (adjustments, approvals as <adjustment>/<level>, tasks, records, a decision id), and counts such as entries:420085",
      resolve: (row) => row.writtenIds,
    }),
    prevHash: t.exposeString("prevHash", { description: "the hash of the row before; 64 zeros for seq 1" }),
    hash: t.exposeString("hash"),
  }),
});

function changeLogWhere(args: {
  readonly countyCode: string;
  readonly operation?: string | null | undefined;
  readonly actorSubject?: string | null | undefined;
}) {
  return {
    countyId: args.countyCode,
    ...(args.operation == null ? {} : { operation: args.operation }),
    ...(args.actorSubject == null ? {} : { actorSubject: args.actorSubject }),
  };
}

builder.queryField("changeLog", (t) =>
  t.prismaConnection({
    authScopes: access("changeLog", inCounty),
    type: "ChangeLog",
    cursor: "countyId_seq",
    description:
      "A county's change log, newest first: every mutation, import and publication with its actor, operation, arguments' digest and the ids it wrote; empty for an unknown county",
    args: {
      countyCode: t.arg.string({ required: true }),
      operation: t.arg.string({ description: "only rows of this operation, e.g. publishAdjustment" }),
      actorSubject: t.arg.string({ description: "only rows of this actor (its subject)" }),
    },
    totalCount: (_root, args, ctx) => ctx.db.prisma.changeLog.count({ where: changeLogWhere(args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.changeLog.findMany({ ...query, where: changeLogWhere(args), orderBy: { seq: "desc" } }),
  }),
);
