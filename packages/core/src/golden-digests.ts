// The digests golden.test.ts compares with: determinations and assessments as the rules give them
// today. Changed only on purpose, by a rule change whose commit says why.
export const GOLDEN_DIGESTS: Readonly<Record<string, string>> = {
  "demo: the demo's cases, whole determinations":
    "5a27702fd646a3a94f03101128ab8390538962370dfd66967026827a43efbb67",
  "demo: grid of determinations": "9fddeb12881a3f05e66b632792f0a90319563a2ca7dbc61387817233796c5bfc",
  "demo: 2025 assessment": "07534c5b58da6f6f3856b9b22b7adc23af4edb470a18960acaf194f67538852a",
  "generated: grid of determinations": "7c9da39a238640b2f4875cb91564d9e4a050dbab144eedd02b144a636176510f",
  "generated: 2025 assessment": "860b972233bf5341ebcd952606b92d78a6b16dd3bc69541e152d752b31e40190",
};
