/**
 * The serialized provider is what every resource carries in state (`__provider`). It must stay a
 * tiny shell that loads the installed package at run time and captures nothing.
 */
import * as pulumi from "@pulumi/pulumi";
import { providerShell } from "../../sdk/providerShell";

const implementation = {
    configure: jest.fn(async () => undefined),
    check: jest.fn(async () => ({ inputs: { checked: true }, failures: [] })),
    diff: jest.fn(async () => ({ changes: false })),
    create: jest.fn(async () => ({ id: "new-id", outs: {} })),
    read: jest.fn(async () => ({ id: "read-id" })),
    update: jest.fn(async () => ({ outs: { updated: true } })),
    delete: jest.fn(async () => undefined),
};
jest.mock("pulumi-cloudflare-hostname-certificates/provider", () => ({ hostnameCertificateProvider: implementation }), { virtual: true });

/** Serializes the shell the way `pulumi.dynamic.Resource` does (a closure over a local). */
async function serializeShell() {
    const provider = providerShell;
    return pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
}

describe("provider shell", () => {
    test("serializes small, with no secrets and no captured implementation", async () => {
        const serialized = await serializeShell();
        process.stdout.write(`serialized provider: ${Buffer.byteLength(serialized.text)} bytes per resource\n`);
        expect(Buffer.byteLength(serialized.text)).toBeLessThan(4096);
        expect(serialized.containsSecrets).toBe(false);
        expect(serialized.text).toContain('require("pulumi-cloudflare-hostname-certificates/provider")');
        for (const absent of ["undici", "CloudflareClient", "createPrivateKey", "apiToken", "CLOUDFLARE_"]) expect(serialized.text).not.toContain(absent);
    });

    test("each method body is only a delegation (no captured values)", () => {
        for (const [name, method] of Object.entries(providerShell)) {
            const source = (method as () => unknown).toString();
            const body = source.slice(source.indexOf("{") + 1, source.lastIndexOf("}")).trim();
            expect(body).toMatch(
                new RegExp(`^return require\\("pulumi-cloudflare-hostname-certificates/provider"\\)\\.hostnameCertificateProvider\\.${name}\\([\\w, ]*\\);$`),
            );
        }
        expect(Object.keys(providerShell).sort()).toEqual(["check", "configure", "create", "delete", "diff", "read", "update"]);
    });

    test("delegates every method with its arguments and returns the result", async () => {
        const config = { get: () => undefined, require: () => "" };
        await providerShell.configure!({ config });
        expect(implementation.configure).toHaveBeenCalledWith({ config });
        expect(await providerShell.check!({ a: 1 }, { b: 2 })).toEqual({ inputs: { checked: true }, failures: [] });
        expect(implementation.check).toHaveBeenCalledWith({ a: 1 }, { b: 2 });
        expect(await providerShell.diff!("id", { o: 1 }, { n: 1 })).toEqual({ changes: false });
        expect(implementation.diff).toHaveBeenCalledWith("id", { o: 1 }, { n: 1 });
        expect(await providerShell.create({ x: 1 })).toEqual({ id: "new-id", outs: {} });
        expect(implementation.create).toHaveBeenCalledWith({ x: 1 });
        expect(await providerShell.read!("id", { p: 1 })).toEqual({ id: "read-id" });
        expect(implementation.read).toHaveBeenCalledWith("id", { p: 1 });
        expect(await providerShell.update!("id", { o: 1 }, { n: 2 })).toEqual({ outs: { updated: true } });
        expect(implementation.update).toHaveBeenCalledWith("id", { o: 1 }, { n: 2 });
        await providerShell.delete!("id", { p: 1 });
        expect(implementation.delete).toHaveBeenCalledWith("id", { p: 1 });
    });
});
