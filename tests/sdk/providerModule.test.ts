/**
 * `__provider` is what every resource carries in state. It must load the package as the program
 * installed it (published name, npm alias, nested install), fail naming the package when it cannot,
 * capture nothing, and every text any release wrote must keep loading the provider.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { installLayout, providerModule, type ProviderExport } from "../../sdk/providerModule";
import { PUBLISHED_PROVIDER_MODULES } from "./publishedProviderModules";

const PUBLISHED = "pulumi-cloudflare-hostname-certificates";
const requireFromString = require.resolve("require-from-string", { paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))] });

/**
 * Loads `text` the way Pulumi's dynamic-provider host does (`require-from-string`, then `handler()`),
 * in a plain Node process whose working directory is `cwd` (the program's directory), and returns
 * what `handler()` gave: its `marker`, whether it is the installed package's provider, its methods,
 * or the error.
 */
function loadThroughHost(text: string, name: ProviderExport, cwd: string): { marker?: string; same?: boolean; methods?: string[]; error?: string } {
    const script = `
const [text, name, rfs] = process.argv.slice(1);
try {
  const provider = require(rfs)(text).handler();
  let installed;
  try { installed = require(require.resolve("${PUBLISHED}/provider", { paths: [process.cwd()] }))[name]; } catch {}
  const methods = ["configure", "check", "diff", "create", "read", "update", "delete"].filter((m) => typeof provider[m] === "function");
  console.log(JSON.stringify({ marker: provider.marker, same: provider === installed, methods }));
} catch (error) {
  console.log(JSON.stringify({ error: error.message }));
}`;
    return JSON.parse(execFileSync(process.execPath, ["-e", script, text, name, requireFromString], { cwd, encoding: "utf8" }));
}

const ALL_METHODS = ["configure", "check", "diff", "create", "read", "update", "delete"];

describe("every __provider text a release wrote keeps loading the provider", () => {
    const texts = Object.entries(PUBLISHED_PROVIDER_MODULES).flatMap(([release, list]) => list.map((text) => [release, text] as const));

    test.each(texts)("%s: %s", (_release, text) => {
        const name = text.includes("hostnameAssociationProvider") ? "hostnameAssociationProvider" : "hostnameCertificateProvider";
        expect(loadThroughHost(text, name, __dirname)).toEqual({ same: true, methods: ALL_METHODS });
    });

    test("what this release writes for the standard install is pinned there (a change of the text must add it)", () => {
        const pinned = Object.values(PUBLISHED_PROVIDER_MODULES).flat();
        for (const name of ["hostnameCertificateProvider", "hostnameAssociationProvider"] as const) expect(pinned).toContain(providerModule(name));
        process.stdout.write(`__provider: ${Buffer.byteLength(providerModule("hostnameCertificateProvider"))} bytes per resource\n`);
    });
});

describe("install layouts", () => {
    test("where the program finds the package", () => {
        expect(installLayout("/app/node_modules/pulumi-cloudflare-hostname-certificates", "/app")).toEqual({ name: PUBLISHED, from: "." });
        expect(installLayout("/app/node_modules/cf-aop", "/app")).toEqual({ name: "cf-aop", from: "." });
        expect(installLayout("/app/node_modules/@acme/cf", "/app")).toEqual({ name: "@acme/cf", from: "." });
        expect(installLayout(`/app/node_modules/lib/node_modules/${PUBLISHED}`, "/app")).toEqual({ name: PUBLISHED, from: "node_modules/lib" });
        expect(installLayout(`/repo/node_modules/${PUBLISHED}`, "/repo/infra/prod")).toEqual({ name: PUBLISHED, from: "../.." });
        expect(installLayout("/src/pulumi-cloudflare-hostname-certificates", "/app")).toEqual({ name: PUBLISHED, from: "." });
    });

    describe("loading, in a program directory with fake installs", () => {
        let app: string;
        beforeEach(() => {
            app = mkdtempSync(path.join(tmpdir(), "provider-module-"));
        });
        afterEach(() => rmSync(app, { recursive: true, force: true }));

        /** A package at `dir` whose `./provider` export has providers marked `marker`. */
        function fakePackage(dir: string, marker: string): void {
            mkdirSync(path.join(app, dir), { recursive: true });
            writeFileSync(path.join(app, dir, "package.json"), JSON.stringify({ name: PUBLISHED, exports: { "./provider": "./provider.js" } }));
            writeFileSync(path.join(app, dir, "provider.js"), `exports.hostnameCertificateProvider = { marker: ${JSON.stringify(marker)} };`);
        }

        test("an npm alias install loads under its alias", () => {
            fakePackage("node_modules/cf-aop", "alias");
            const text = providerModule("hostnameCertificateProvider", { name: "cf-aop", from: "." });
            expect(loadThroughHost(text, "hostnameCertificateProvider", app).marker).toBe("alias");
        });

        test("a nested install loads its own copy, not another version hoisted to the top", () => {
            fakePackage(`node_modules/lib/node_modules/${PUBLISHED}`, "nested");
            fakePackage(`node_modules/${PUBLISHED}`, "hoisted");
            const text = providerModule("hostnameCertificateProvider", { name: PUBLISHED, from: "node_modules/lib" });
            expect(loadThroughHost(text, "hostnameCertificateProvider", app).marker).toBe("nested");
        });

        test("falls back to the published name; fails naming the package when nothing resolves", () => {
            const text = providerModule("hostnameCertificateProvider", { name: "cf-aop", from: "." });
            fakePackage(`node_modules/${PUBLISHED}`, "published");
            expect(loadThroughHost(text, "hostnameCertificateProvider", app).marker).toBe("published");
            rmSync(path.join(app, "node_modules"), { recursive: true });
            expect(loadThroughHost(text, "hostnameCertificateProvider", app).error).toBe(
                `Cannot find cf-aop/provider or ${PUBLISHED}/provider from ${app}: install ${PUBLISHED} in this Pulumi program (the version that deployed the stack, or newer)`,
            );
        });
    });
});
