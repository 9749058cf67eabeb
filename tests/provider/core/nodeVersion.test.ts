/**
 * An older Node.js gets a message that says what to do, before undici (which needs 22.19) loads.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { MINIMUM_NODE_VERSION, nodeVersionProblem } from "../../../provider/core/nodeVersion";

const REPO_ROOT = path.resolve(__dirname, "../../..");

describe("nodeVersionProblem", () => {
    test.each(["22.19.0", "22.23.3", "v24.1.0", "23.0.0"])("accepts %s", (version) => {
        expect(nodeVersionProblem(version)).toBeUndefined();
    });

    test.each(["20.20.2", "v22.18.9", "18.0.0"])("refuses %s, naming the version and what to install", (version) => {
        const problem = nodeVersionProblem(version);
        expect(problem).toContain(`needs Node.js ${MINIMUM_NODE_VERSION} or newer`);
        expect(problem).toContain(`Node.js v${version.replace(/^v/, "")}`);
        expect(problem).toContain("install Node.js 22.19.0 or newer");
    });

    test("MINIMUM_NODE_VERSION is what undici requires", () => {
        const undici = require("undici/package.json") as { engines: { node: string } };
        expect(undici.engines.node).toBe(`>=${MINIMUM_NODE_VERSION}`);
    });
});

test("loading the built provider on Node.js 20 fails with that message, not an error from undici", () => {
    // The same Node binary, told it is v20.20.2 before the provider loads.
    const script = `Object.defineProperty(process, "versions", { value: { ...process.versions, node: "20.20.2" } }); require(${JSON.stringify(path.join(REPO_ROOT, "dist/provider"))});`;
    const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`pulumi-cloudflare-hostname-certificates needs Node.js ${MINIMUM_NODE_VERSION} or newer, but Pulumi runs it on Node.js v20.20.2`);
    expect(result.stderr).not.toContain("undici");
});
