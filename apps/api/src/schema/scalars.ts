import { type IsoDate, isDecimalString, isIsoDate } from "@dutylist/core";
import { GraphQLError } from "graphql";
import { builder } from "../builder.ts";

function toIsoDate(value: IsoDate | Date): IsoDate {
  return (value instanceof Date ? value.toISOString().slice(0, 10) : value) as IsoDate;
}

builder.scalarType("Date", {
  description: "A calendar date, YYYY-MM-DD",
  serialize: (value) => toIsoDate(value),
  parseValue: (value) => {
    if (typeof value !== "string" || !isIsoDate(value))
      throw new GraphQLError(`not a calendar date (YYYY-MM-DD): ${String(value)}`);
    return value;
  },
});

builder.scalarType("Decimal", {
  description: 'An exact decimal number written as a string, e.g. "78.53"; never a float',
  serialize: (value) => value.toString(),
  parseValue: (value) => {
    if (typeof value !== "string" || !isDecimalString(value))
      throw new GraphQLError(`not a decimal string: ${String(value)}`);
    return value;
  },
});
