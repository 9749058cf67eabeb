/**
 * The tests of the built package and the end-to-end tests run dist/, so dist/ must be built from
 * the sources as they are now: their global setup (buildDist.js) builds it before them.
 * TypeScript's own up-to-date check says whether the build is current: it compares every source
 * with what the last build saw (content, not only timestamps).
 */
import { execFileSync } from "node:child_process";
import { REPO_ROOT } from "./process";

test("dist/ is built from the current sources before the tests that run it", () => {
    const dry = execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", "tsconfig.json", "--dry", "--verbose"], {
        cwd: REPO_ROOT,
        encoding: "utf8",
    });
    expect(dry).toMatch(/Project 'tsconfig\.json' is up to date/);
    expect(dry).not.toMatch(/would build project/);
});
