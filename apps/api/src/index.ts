// The API as a library: the fetch handler (and node:http listener) over a database, for servers
// other than `main.ts` — the benchmarks serve it this way.
export { createApi } from "./yoga.ts";
