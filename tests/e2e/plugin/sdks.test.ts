/**
 * `npm run plugin:sdks` generates the plugin's Go, Python and Node.js SDKs from its schema, each
 * making the private key a secret before it leaves the program, and the Go SDK compiles
 * (`go build ./...`, its modules through the Go module proxy).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "../../support/process";

describe("plugin SDKs", () => {
    const out = mkdtempSync(path.join(tmpdir(), "plugin-sdks-"));
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    beforeAll(() => {
        execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts", "plugin-sdks.mjs")], { env: { ...process.env, PLUGIN_SDK_OUT: out }, stdio: ["ignore", "ignore", "inherit"] });
    }, 600_000);

    test.each([
        ["go", "cloudflarehostnamecertificates/hostnameCertificate.go", "pulumi.ToSecret(args.PrivateKey)"],
        ["python", "pulumi_cloudflare_hostname_certificates/hostname_certificate.py", "pulumi.Output.secret(private_key)"],
        ["nodejs", "hostnameCertificate.ts", "pulumi.secret(args.privateKey)"],
    ])("the %s SDK declares HostnameCertificate and makes its key a secret", (language, file, secret) => {
        const source = readFileSync(path.join(out, language, file), "utf8");
        expect(source).toContain("cloudflare-hostname-certificates:index:HostnameCertificate");
        expect(source).toContain(secret);
    });

    test("the Go SDK compiles", () => {
        const go = path.join(out, "go");
        const env = { ...process.env, GOFLAGS: "-mod=mod" };
        execFileSync("go", ["mod", "tidy"], { cwd: go, env, stdio: "inherit" });
        execFileSync("go", ["build", "./..."], { cwd: go, env, stdio: "inherit" });
        expect(readFileSync(path.join(go, "go.sum"), "utf8")).toContain("github.com/pulumi/pulumi/sdk/v3 v3.274.1");
    }, 900_000);
});
