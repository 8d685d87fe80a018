export { DEMO_CASES, type DemoCase, demoCounty } from "./demo-county.ts";
