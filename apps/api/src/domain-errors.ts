import type { DomainError } from "@dutylist/core";

/** Expected failures of the core, thrown by resolvers and returned to clients as a union member. */
export class DomainErrors extends Error {
  constructor(readonly problems: readonly DomainError[]) {
    super(problems.map((p) => p.message).join("; "));
    this.name = "DomainErrors";
  }
}
