/**
 * Jest, in two tiers (README.md, "Tests"):
 *
 * - `npm run test:unit` (TEST_TIER=unit): the `unit` project (the sources, in process: unit tests,
 *   the emulator, the provider against the emulator over loopback) and the `dist` project
 *   (`*.dist.test.ts`: the built package without the Pulumi CLI: its API reports, its types under
 *   each moduleResolution, the `__provider` texts of every release).
 * - `npm run test:e2e` (TEST_TIER=e2e): the `e2e` project (`tests/e2e/`): the real `pulumi` CLI and
 *   npm installs.
 *
 * Without TEST_TIER (`npx jest <path>`), every project. `dist` and `e2e` build dist/ first
 * (tests/support/buildDist.js); Jest runs a project's global setup only when one of its tests is
 * selected, so `npx jest tests/provider/...` builds nothing.
 */
const common = {
  testEnvironment: "node",
  // Transpile only (tsconfig.jest.json): npm run typecheck checks the types, once, before the tests.
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.jest.json" }] },
};
const buildDist = "<rootDir>/tests/support/buildDist.js";

const projects = [
  {
    displayName: "unit",
    ...common,
    roots: ["<rootDir>/tests"],
    testMatch: ["**/*.test.ts"],
    testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/e2e/", "\\.dist\\.test\\.ts$"],
  },
  {
    displayName: "dist",
    ...common,
    roots: ["<rootDir>/tests"],
    testMatch: ["**/*.dist.test.ts"],
    testPathIgnorePatterns: ["/node_modules/", "<rootDir>/tests/e2e/"],
    globalSetup: buildDist,
  },
  {
    displayName: "e2e",
    ...common,
    roots: ["<rootDir>/tests/e2e"],
    testMatch: ["**/*.test.ts"],
    globalSetup: buildDist,
  },
];

// A tier is chosen by the environment rather than --selectProjects, which would swallow the test
// paths that `npm run test:unit -- <path>` appends.
const TIERS = { unit: ["unit", "dist"], e2e: ["e2e"] };
const tier = process.env.TEST_TIER;
if (tier && !TIERS[tier]) throw new Error(`TEST_TIER=${tier} is not a tier: use ${Object.keys(TIERS).join(" or ")}, or leave it unset for every test`);

module.exports = {
  projects: tier ? projects.filter((project) => TIERS[tier].includes(project.displayName)) : projects,
  // A global option: Jest takes it from here, not from the projects.
  testTimeout: 120000,
};
