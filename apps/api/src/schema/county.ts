import { LIST_TYPES } from "@dutylist/core";
import { access } from "../access.ts";
import { builder } from "../builder.ts";

export const ListTypeEnum = builder.enumType("ListType", {
  description: "基本履职事项 / 配合履职事项 / 上级部门收回事项",
  values: LIST_TYPES,
});

const LegalCitationRef = builder
  .objectRef<{ document: string; article?: string; clause?: string }>("LegalCitation")
  .implement({
    description: "One legal basis (设定依据): document, article, clause",
    fields: (t) => ({
      document: t.exposeString("document"),
      article: t.string({ nullable: true, resolve: (c) => c.article ?? null }),
      clause: t.string({ nullable: true, resolve: (c) => c.clause ?? null }),
    }),
  });

export { LegalCitationRef };

builder.prismaObject("County", {
  description: "A county (县(市、区)) that compiles its townships' lists",
  fields: (t) => ({
    code: t.exposeString("id"),
    name: t.exposeString("name"),
    townships: t.relatedConnection("townships", {
      cursor: "countyId_code",
      totalCount: true,
      query: { orderBy: { code: "asc" } },
    }),
    departments: t.relatedConnection("departments", {
      cursor: "countyId_code",
      totalCount: true,
      query: { orderBy: { code: "asc" } },
    }),
    items: t.relatedConnection("items", {
      cursor: "countyId_code",
      totalCount: true,
      args: {
        category: t.arg.string({ required: false, description: "事项类别, e.g. 民生服务" }),
        listType: t.arg({
          type: ListTypeEnum,
          required: false,
          description: "items on some township's list of this type",
        }),
        department: t.arg.string({
          required: false,
          description: "items led by or reclaimed to this department",
        }),
        text: t.arg.string({ required: false, description: "a substring of the item's name" }),
      },
      query: (args) => ({
        orderBy: { code: "asc" },
        where: {
          ...(args.category == null ? {} : { category: args.category }),
          ...(args.text == null ? {} : { name: { contains: args.text } }),
          ...(args.listType == null && args.department == null
            ? {}
            : {
                entries: {
                  some: {
                    ...(args.listType == null ? {} : { type: args.listType }),
                    ...(args.department == null
                      ? {}
                      : {
                          OR: [
                            { terms: { path: ["leadDepartments"], array_contains: [args.department] } },
                            { terms: { path: ["receivingDepartment"], equals: args.department } },
                          ],
                        }),
                  },
                },
              }),
        },
      }),
    }),
  }),
});

builder.prismaObject("Township", {
  description: "A township (乡镇/街道)",
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    kind: t.exposeString("kind", { description: "TOWN, TOWNSHIP or SUBDISTRICT" }),
    countyCode: t.exposeString("countyId"),
  }),
});

builder.prismaObject("Department", {
  description: "A county-level department (县级部门)",
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    countyCode: t.exposeString("countyId"),
  }),
});

builder.prismaObject("DutyItem", {
  description: "An item of the county's catalogue (履职事项)",
  fields: (t) => ({
    code: t.exposeString("code"),
    name: t.exposeString("name"),
    category: t.exposeString("category"),
    tasks: t.exposeStringList("tasks"),
    basis: t.field({
      type: [LegalCitationRef],
      resolve: (item) => item.basis as unknown as { document: string; article?: string; clause?: string }[],
    }),
    townshipCode: t.exposeString("townshipCode", {
      nullable: true,
      description: "set for a township-specific item (一镇一策)",
    }),
  }),
});

builder.queryField("county", (t) =>
  t.prismaField({
    authScopes: access("county", (a) => ({ countyCode: a.code })),
    type: "County",
    nullable: true,
    args: { code: t.arg.string({ required: true }) },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.county.findUnique({ ...query, where: { id: args.code } }),
  }),
);
