/**
 * Jest's global setup for the tests that run the built package (the `dist` and `e2e` projects of
 * jest.config.js): builds dist/ from the sources first, because the real `pulumi` CLI, `npm pack`
 * and the API reports read dist/, not the TypeScript sources. Jest runs it only when a test of
 * those projects is selected, so the unit tests of the sources never wait for it. The build is
 * TypeScript's incremental `tsc -b` (a fraction of a second when dist/ is current, a few seconds
 * from scratch), so `npx jest tests/e2e/x.test.ts` right after an edit tests the edit.
 * buildDist.dist.test.ts checks that dist/ matches the sources.
 */
const { execFileSync } = require("node:child_process");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "../..");

module.exports = async function buildDist() {
    try {
        execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", "tsconfig.json"], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
        throw new Error(
            `The TypeScript build of dist/ (tsc -b tsconfig.json), which the end-to-end tests run, failed: fix the errors below and run the tests again.\n${error.stdout ?? ""}${error.stderr ?? ""}`,
        );
    }
};
