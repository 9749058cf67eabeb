/**
 * `__provider` is what every resource carries in state. It must stay a one-line module that loads
 * the installed package when Pulumi's dynamic-provider host runs it, and captures nothing.
 */
import { execFileSync } from "node:child_process";
import { providerModule, type ProviderExport } from "../../sdk/providerModule";

/**
 * In a plain Node process (as the provider process is, outside jest's module registry): loads the
 * text the way the dynamic-provider host does, with `require-from-string` as @pulumi/pulumi resolves
 * it, and tells whether `handler()` returns the installed package's provider object itself.
 */
const HOST_SCRIPT = `
const path = require("node:path");
const [text, name] = process.argv.slice(1);
const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const requireFromString = require(require.resolve("require-from-string", { paths: [pulumiDir] }));
const provider = requireFromString(text).handler();
const installed = require("pulumi-cloudflare-hostname-certificates/provider")[name];
const methods = ["configure", "check", "diff", "create", "read", "update", "delete"].filter((m) => typeof provider[m] === "function");
console.log(JSON.stringify({ same: provider === installed, methods }));
`;

describe("providerModule", () => {
    test.each<ProviderExport>(["hostnameCertificateProvider", "hostnameAssociationProvider"])(
        "%s: the host's handler() returns the installed package's provider",
        (name) => {
            const output = execFileSync(process.execPath, ["-e", HOST_SCRIPT, providerModule(name), name], { cwd: __dirname, encoding: "utf8" });
            expect(JSON.parse(output)).toEqual({ same: true, methods: ["configure", "check", "diff", "create", "read", "update", "delete"] });
        },
    );

    test("is one short line that names the package and nothing else", () => {
        const text = providerModule("hostnameCertificateProvider");
        process.stdout.write(`__provider: ${Buffer.byteLength(text)} bytes per resource\n`);
        expect(text).toBe('exports.handler = () => require("pulumi-cloudflare-hostname-certificates/provider").hostnameCertificateProvider;\n');
        expect(Buffer.byteLength(text)).toBeLessThan(128);
    });
});
