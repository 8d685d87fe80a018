// The digests golden.test.ts compares with: determinations and assessments as the rules give them
// today. Changed only on purpose, by a rule change whose commit says why.
export const GOLDEN_DIGESTS: Readonly<Record<string, string>> = {
  "demo: the demo's cases, whole determinations":
    "9269fb1d7ad1b26a4fce4bff7fba0a3dbf5402cd3bf214dea821f0c483688023",
  "demo: grid of determinations": "2e01820f291be0b1fbbeb57c1c1e05ee8ab40cba159d5f1bb1c55cb74d9f1506",
  "demo: 2025 assessment": "7dee56254538cd12d96ab885a930711a47934fa97e36b95acbaaee22eb4f5934",
  "generated: grid of determinations": "b11406513bd491bffa7667944230003aec2ceb648bced6ae400fbeed9a3daebd",
  "generated: 2025 assessment": "44cd2107795005c21578a1ea461f19846fb86897143690c25e2c93ddc5307727",
};
