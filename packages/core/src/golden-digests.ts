// The digests golden.test.ts compares with: determinations and assessments as the rules give them
// today. Changed only on purpose, by a rule change whose commit says why.
export const GOLDEN_DIGESTS: Readonly<Record<string, string>> = {
  "demo: the demo's cases, whole determinations":
    "9269fb1d7ad1b26a4fce4bff7fba0a3dbf5402cd3bf214dea821f0c483688023",
  "demo: grid of determinations": "2e01820f291be0b1fbbeb57c1c1e05ee8ab40cba159d5f1bb1c55cb74d9f1506",
  "demo: 2025 assessment": "07534c5b58da6f6f3856b9b22b7adc23af4edb470a18960acaf194f67538852a",
  "generated: grid of determinations": "b11406513bd491bffa7667944230003aec2ceb648bced6ae400fbeed9a3daebd",
  "generated: 2025 assessment": "860b972233bf5341ebcd952606b92d78a6b16dd3bc69541e152d752b31e40190",
};
