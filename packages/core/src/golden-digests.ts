// The digests golden.test.ts compares with: determinations and assessments as the rules give them
// today. Changed only on purpose, by a rule change whose commit says why.
export const GOLDEN_DIGESTS: Readonly<Record<string, string>> = {
  "demo: the demo's cases, whole determinations":
    "5a27702fd646a3a94f03101128ab8390538962370dfd66967026827a43efbb67",
  "demo: grid of determinations": "cd623b1f58a968d907508f1f9252a7bdfafdf10f27b7b6ac8a2abf04e2104349",
  "demo: 2025 assessment": "7dee56254538cd12d96ab885a930711a47934fa97e36b95acbaaee22eb4f5934",
  "generated: grid of determinations": "7c9da39a238640b2f4875cb91564d9e4a050dbab144eedd02b144a636176510f",
  "generated: 2025 assessment": "44cd2107795005c21578a1ea461f19846fb86897143690c25e2c93ddc5307727",
};
