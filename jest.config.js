/** Jest: unit and emulator tests run in-process; e2e tests drive the real pulumi CLI out of process. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.test.json" }] },
  // Builds dist/ first: the e2e tests run the built package, so they must never see stale code.
  globalSetup: "<rootDir>/tests/support/buildDist.js",
  testTimeout: 120000,
};
