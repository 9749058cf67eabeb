/**
 * The package subpath `…/policy` (policy/index.ts) and the pack (policy/pack.ts): every policy is
 * there once, named and documented by the pack's conventions; importing the index has no side
 * effects; only pack.ts constructs a PolicyPack.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import * as api from "../../policy/index";
import { createPolicies, POLICY_NAME_PREFIX, POLICY_PACK_NAME } from "../../policy/index";
import { certificateAt, certificateProps, createResourceValidationArgs, daysFrom, fixedClock, NOW, runResourcePolicy } from "./util";

const POLICY_DIR = path.resolve(__dirname, "../../policy");

describe("policy/index", () => {
    const policies = createPolicies({ now: fixedClock });
    afterEach(() => jest.dontMock("@pulumi/policy"));

    test("has every policy once, in a stable order", () => {
        expect(policies.map((policy) => policy.name)).toEqual([
            "cloudflare-hostname-certificate-expiry",
            "cloudflare-hostname-certificate-expiry-warning",
            "cloudflare-hostname-certificate-deployed-expiry",
            "cloudflare-hostname-certificate-deployed-expiry-warning",
            "cloudflare-hostname-certificate-not-yet-valid",
            "cloudflare-hostname-certificate-weak-cryptography",
            "cloudflare-hostname-certificate-zone-limit",
            "cloudflare-hostname-certificate-zone-limit-replacement",
            "cloudflare-hostname-certificate-issuer-allowlist",
        ]);
        expect(api.EXPIRY_POLICY_NAME).toBe(policies[0].name);
        expect(api.ZONE_LIMIT_POLICY_NAME).toBe(policies[6].name);
        expect(api.ZONE_LIMIT_REPLACEMENT_POLICY_NAME).toBe(policies[7].name);
    });

    test.each(createPolicies().map((policy) => [policy.name, policy] as const))("%s follows the pack's conventions", (_name, policy) => {
        expect(policy.name.startsWith(POLICY_NAME_PREFIX)).toBe(true);
        expect(policy.description).toMatch(/^Checks that .+\.$/);
        expect(["mandatory", "advisory"]).toContain(policy.enforcementLevel);
        const schema = policy.configSchema as PolicyConfigSchema;
        for (const [key, property] of Object.entries(schema.properties)) {
            if (key === "referenceTime") {
                expect(property).not.toHaveProperty("default"); // unset means "now"
            } else {
                expect(property).toHaveProperty("default");
            }
        }
        expect(schema.properties).not.toHaveProperty("enforcementLevel");
    });

    test("the factory's clock reaches the time-dependent policies", async () => {
        const generated = await certificateAt({ daysLeft: 400 });
        const args = () => createResourceValidationArgs(certificateProps(generated));
        const [expiry] = createPolicies({ now: () => daysFrom(NOW, 390) });
        const [relaxed] = createPolicies({ now: fixedClock });
        expect((await runResourcePolicy(expiry as ResourceValidationPolicy, args())).violations).toHaveLength(1);
        expect((await runResourcePolicy(relaxed as ResourceValidationPolicy, args())).violations).toHaveLength(0);
    });

    test("importing it loads no @pulumi/policy runtime (no server, no second copy)", () => {
        jest.isolateModules(() => {
            jest.doMock("@pulumi/policy", () => {
                throw new Error("policy/index loaded @pulumi/policy at runtime");
            });
            const isolated = require("../../policy/index") as typeof api;
            expect(isolated.createPolicies()).toHaveLength(9);
        });
    });

    test("pack.ts constructs the one PolicyPack, named as in PulumiPolicy.yaml, with every policy", () => {
        const constructed: { name: string; args: { policies: { name: string }[] } }[] = [];
        jest.isolateModules(() => {
            jest.doMock("@pulumi/policy", () => ({
                PolicyPack: class {
                    constructor(name: string, args: { policies: { name: string }[] }) {
                        constructed.push({ name, args });
                    }
                },
            }));
            require("../../policy/pack");
        });
        expect(constructed).toHaveLength(1);
        expect(constructed[0].name).toBe(POLICY_PACK_NAME);
        expect(constructed[0].args.policies.map((policy) => policy.name)).toEqual(policies.map((policy) => policy.name));
        expect(readFileSync(path.join(POLICY_DIR, "PulumiPolicy.yaml"), "utf8")).toMatch(new RegExp(`^name: ${POLICY_PACK_NAME}$`, "m"));
    });

    test("the pack folder runs the compiled pack and has the version the framework requires; its types are the library's", () => {
        const pkg = JSON.parse(readFileSync(path.join(POLICY_DIR, "package.json"), "utf8"));
        // `types`: moduleResolution node reads this folder's package.json for `<package>/policy`, not `exports`.
        expect(pkg).toEqual({ name: "cloudflare-hostname-certificates-policy", version: "0.1.0", private: true, main: "../dist/policy/pack.js", types: "../dist/policy/index.d.ts" });
        const root = JSON.parse(readFileSync(path.resolve(POLICY_DIR, "../package.json"), "utf8"));
        expect(root.exports["./policy"]).toEqual({ types: "./dist/policy/index.d.ts", default: "./dist/policy/index.js" });
    });
});
