import { LOCAL_ADMINISTRATOR } from "@dutylist/core";
import type { ChangeStamp } from "@dutylist/store";

/**
 * The change-log stamp of a write the command line makes: the local administrator (the CLI acts
 * on its own machine), the command (`import`, `determine`) and its arguments as parsed.
 * @example await saveImport(db, write, cliStamp("import", request))
 */
export function cliStamp(command: string, args: unknown): ChangeStamp {
  return { actor: LOCAL_ADMINISTRATOR, operation: command, arguments: args };
}
