/**
 * `__provider` is what every resource carries in state. It must load the package as the program
 * installed it (published name, npm alias, nested install), fail naming the package when it cannot,
 * and capture nothing; what this release writes is among the texts every release must keep loading
 * (`providerModule.dist.test.ts` loads each against the built package).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { installLayout, providerModule } from "../../sdk/providerModule";
import { loadThroughHost, PUBLISHED } from "./dynamicProviderHost";
import { PUBLISHED_PROVIDER_MODULES } from "./publishedProviderModules";

test("what this release writes for the standard install is among the texts every release must keep loading (a change of the text must add it)", () => {
    const pinned = Object.values(PUBLISHED_PROVIDER_MODULES).flat();
    for (const name of ["hostnameCertificateProvider", "hostnameAssociationProvider"] as const) expect(pinned).toContain(providerModule(name));
    process.stdout.write(`__provider: ${Buffer.byteLength(providerModule("hostnameCertificateProvider"))} bytes per resource\n`);
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
