// The digests golden.test.ts compares with: determinations and assessments as the rules give them
// today. Changed only on purpose, by a rule change whose commit says why.
export const GOLDEN_DIGESTS: Readonly<Record<string, string>> = {
  "demo: the demo's cases, whole determinations":
    "e0b4f2b743d68867de44aa9268697f025c11bacc7baf8fee433648a4dd2e3920",
  "demo: grid of determinations": "e8eb72621aeb7e21e8c7d33a059d14fa782765699ae3810f3b0d8d686c5dac01",
  "demo: 2025 assessment": "07534c5b58da6f6f3856b9b22b7adc23af4edb470a18960acaf194f67538852a",
  "generated: grid of determinations": "1d6002062b52e44dd95fb2ae49ff3192cc284af2f85d504aaef20ac193955734",
  "generated: 2025 assessment": "860b972233bf5341ebcd952606b92d78a6b16dd3bc69541e152d752b31e40190",
};
