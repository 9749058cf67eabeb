/**
 * An older Node.js gets a message that says what to do, before undici (which needs 22.19) loads.
 */
import { MINIMUM_NODE_VERSION, nodeVersionProblem } from "../../../provider/core/nodeVersion";

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
