// The digests golden.test.ts compares with: determinations and assessments as the rules give them
// today. Changed only on purpose, by a rule change whose commit says why.
export const GOLDEN_DIGESTS: Readonly<Record<string, string>> = {
  "demo: the demo's cases, whole determinations":
    "78fb65c0fa964533892a1a6c80a0076450e7e85bc64901b0ecde0d89371ab0a2",
  "demo: grid of determinations": "967733096c826c663cb768c106f8073b11dbcbae6e8c035a317b2b13166cfc51",
  "demo: 2025 assessment": "07534c5b58da6f6f3856b9b22b7adc23af4edb470a18960acaf194f67538852a",
  "generated: grid of determinations": "f45cd8a4640780c9fe2bbab6a8dd7e07876f7a9705ed9071a34e2acca9de82e9",
  "generated: 2025 assessment": "860b972233bf5341ebcd952606b92d78a6b16dd3bc69541e152d752b31e40190",
};
