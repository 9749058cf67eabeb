/** The provider against the emulator: create, read, update, delete, adoption, credentials. */
import { DEFAULT_API_KEY, DEFAULT_API_TOKEN } from "../../../emulator";
import { isCertificateExistsError } from "../../../provider/client/errors";
import { deleteCertificate, updateHostnameAssociations, uploadCertificate } from "../../../provider/client/hostnameCertificates";
import { createHostnameCertificateProvider } from "../../../provider/certificates/provider";
import type { HostnameCertificateOutputs } from "../../../provider/contract";
import { keyFingerprint } from "../../../provider/core/pem";
import { memoryReporter } from "../../../provider/runtime/progress";
import { failure, json, ok, startStub } from "../client/stubServer";
import { fakeClock } from "../fakeClock";
import { expectNoKey, expectSerializable, type Harness, liveCertificates, newInputs, rejection, startHarness, ZONE } from "../emulatorHarness";

let h: Harness;
afterEach(async () => {
    await h?.emulator.close();
});

/** Outputs as earlier versions wrote them (up to commit 8074628): the key itself (a secret in state) and no fingerprint. */
function legacyOutputs(outs: HostnameCertificateOutputs, privateKey: string): HostnameCertificateOutputs {
    const { privateKeyFingerprint: _fingerprint, ...rest } = outs;
    return { ...rest, privateKey } as unknown as HostnameCertificateOutputs;
}

describe("create", () => {
    test("uploads, waits for active with progress, and returns every output, the key's fingerprint but never the key", async () => {
        h = await startHarness();
        const inputs = await newInputs();
        const { id, outs } = await h.provider.create({ ...inputs, createTimeout: "2m" });
        expect(outs).toMatchObject({
            certificateId: id,
            status: "active",
            zoneId: ZONE,
            certificate: inputs.certificate,
            privateKeyFingerprint: keyFingerprint(inputs.privateKey),
            createTimeout: "2m",
        });
        expect(outs).not.toHaveProperty("privateKey");
        expectNoKey(outs, inputs.privateKey);
        for (const field of ["issuer", "serialNumber", "signature", "expiresOn", "uploadedOn"] as const) expect(outs?.[field]).toBeTruthy();
        expect(outs?.signature).toBe("SHA256WithRSA");
        expectSerializable(outs);
        expect(h.lines.some((l) => /^certificate [0-9a-f]{8}…: (initializing|pending_deployment) \(\d+ms elapsed\)$/.test(l))).toBe(true);
        expect(h.emulator.certificates(ZONE)).toHaveLength(1);
    });

    test.each([0, 0.5, 0.999])("one create plus delete at the emulator's default timings costs a handful of requests (jitter %p)", async (random) => {
        h = await startHarness({}, { random: () => random });
        const inputs = await newInputs();
        const { id, outs } = await h.provider.create(inputs);
        const afterCreate = h.requestCount();
        await h.provider.delete(id, outs!);
        const operations = h.emulator.requests.map((r) => `${r.method} ${r.status}`);
        // upload + one status read (active after 1 s), delete + one read (gone after 0.5 s): the
        // first read waits a whole second, and jitter only ever stretches it
        expect(afterCreate).toBe(2);
        expect(h.requestCount()).toBe(4);
        expect(operations[0]).toBe("POST 200");
        expect(operations).toContain("DELETE 200");
        expect(liveCertificates(h.emulator)).toEqual([]);
        process.stdout.write(`requests per create+delete at default timings (random ${random}): ${h.requestCount()} (${operations.join(", ")})\n`);
    });

    test("waits out a pending_deletion twin, then uploads again", async () => {
        h = await startHarness();
        const inputs = await newInputs();
        const first = await h.provider.create(inputs);
        await deleteCertificate(h.client, ZONE, first.id); // now pending_deletion
        const second = await h.provider.create(inputs);
        expect(second.outs?.status).toBe("active");
        expect(h.lines.some((l) => l.includes("is pending_deletion") && l.includes("waiting until it is gone"))).toBe(true);
        expect(liveCertificates(h.emulator)).toHaveLength(1);
    });

    test("an API rejection surfaces as a typed, actionable error", async () => {
        h = await startHarness();
        const inputs = await newInputs({ isCA: true, keyType: "ec", freshKey: true });
        await expect(h.provider.create(inputs)).rejects.toThrow(
            /^400 Cloudflare error 1412 \(Only leaf certificate is allowed\.\) on POST \/zones\/[0-9a-f]{32}\/origin_tls_client_auth\/hostnames\/certificates: upload a leaf certificate/,
        );
    });
});

describe("the identical certificate already in the zone", () => {
    /** A provider on the harness's emulator and clock, with extra environment (e.g. the recovery switch). */
    function providerWith(env: Record<string, string>) {
        const progress = memoryReporter();
        const provider = createHostnameCertificateProvider({
            env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: h.emulator.url, ...env },
            now: () => h.emulator.clock.now(),
            sleep: async (ms) => h.emulator.advance(ms),
            random: () => 0.5,
            progress,
        });
        return { provider, lines: progress.lines };
    }

    /** Uploads `inputs` behind the provider's back (as another stack, or an interrupted run, would) and returns the id. */
    async function uploadedElsewhere(inputs: { certificate: string; privateKey: string }): Promise<string> {
        const uploaded = await uploadCertificate(h.client, ZONE, { certificate: inputs.certificate, private_key: inputs.privateKey });
        return uploaded.id;
    }

    test("is not adopted: the create fails naming its id and upload time and the ways forward; nothing is uploaded or deleted", async () => {
        h = await startHarness();
        const inputs = await newInputs();
        const first = await h.provider.create(inputs);
        const before = h.emulator.requests.length;
        const error = await rejection(h.provider.create({ ...inputs, certificate: inputs.certificate.replace(/\n/g, "\r\n") }));
        expect(isCertificateExistsError(error)).toBe(true);
        expect(error.message).toContain(`already in zone ${ZONE} as ${first.id} (active, uploaded ${first.outs!.uploadedOn})`);
        expect(error.message).toMatch(/aliases: \[\{ name: "<old name>" \}\].*use a different certificate here.*CLOUDFLARE_ADOPT_EXISTING=[0-9a-f-]{36} pulumi up.*If nothing uses it, delete it/);
        expect(h.lines.some((l) => l.startsWith("warning:"))).toBe(false);
        expect(h.emulator.requests.slice(before).map((r) => `${r.method} ${r.status}`)).toEqual(["POST 400", "GET 200"]);
        expect(h.emulator.certificates(ZONE).map((c) => [c.id, c.status])).toEqual([[first.id, "active"]]);
    });

    test.each([["true"], ["its id"]])("the recovery switch (%s) adopts it, with a warning", async (how) => {
        h = await startHarness();
        const inputs = await newInputs();
        const id = await uploadedElsewhere(inputs);
        const { provider, lines } = providerWith({ CLOUDFLARE_ADOPT_EXISTING: how === "true" ? "true" : id });
        const { id: adopted, outs } = await provider.create(inputs);
        expect(adopted).toBe(id);
        expect(outs?.status).toBe("active");
        expect(lines.some((l) => l.startsWith(`warning: HostnameCertificate: adopting the identical certificate ${id}`) && l.includes("cloudflare:adoptExisting"))).toBe(true);
        expect(h.emulator.certificates(ZONE)).toHaveLength(1);
    });

    test("the recovery switch naming another id adopts nothing; a malformed one is refused before any request", async () => {
        h = await startHarness();
        const inputs = await newInputs();
        await uploadedElsewhere(inputs);
        const other = providerWith({ CLOUDFLARE_ADOPT_EXISTING: "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60" });
        expect(isCertificateExistsError(await rejection(other.provider.create(inputs)))).toBe(true);
        const before = h.emulator.requests.length;
        const malformed = providerWith({ CLOUDFLARE_ADOPT_EXISTING: "yes please" });
        expect((await rejection(malformed.provider.create(inputs))).message).toMatch(/cloudflare:adoptExisting \(or CLOUDFLARE_ADOPT_EXISTING\) must be "true" or certificate ids/);
        expect(h.emulator.requests.length).toBe(before);
    });

    test("an adopted certificate whose deployment fails is left in place: it was there before this create", async () => {
        h = await startHarness();
        const inputs = await newInputs();
        const id = await uploadedElsewhere(inputs);
        h.emulator.failDeployment(ZONE, id);
        const { provider } = providerWith({ CLOUDFLARE_ADOPT_EXISTING: id });
        const error = await rejection(provider.create(inputs));
        expect(error.message).toMatch(new RegExp(`^HostnameCertificate ${id} did not become active: last status deployment_timed_out .* It was already in the zone before this create, so it was left in place`));
        expect(h.emulator.requests.filter((r) => r.method === "DELETE")).toEqual([]);
        expect(h.emulator.certificates(ZONE).map((c) => [c.id, c.status])).toEqual([[id, "deployment_timed_out"]]);
    });

    test("a deployment_timed_out twin is never adopted, even through the switch: the create says to delete it", async () => {
        h = await startHarness();
        const inputs = await newInputs();
        const id = await uploadedElsewhere(inputs);
        h.emulator.setCertificateStatus(ZONE, id, "deployment_timed_out");
        const { provider, lines } = providerWith({ CLOUDFLARE_ADOPT_EXISTING: "true" });
        const error = await rejection(provider.create(inputs));
        expect(error.message).toBe(
            `The identical certificate ${id} is already in zone ${ZONE} with status deployment_timed_out, so it cannot be uploaded again: ` +
                `delete it (DELETE /zones/${ZONE}/origin_tls_client_auth/hostnames/certificates/${id}) and run \`pulumi up\` again.`,
        );
        expect(lines.some((l) => l.includes("adopting"))).toBe(false);
        expect(h.emulator.requests.filter((r) => r.method === "DELETE")).toEqual([]);
    });
});

describe("credentials and endpoint", () => {
    test("from the stack config given to configure, when the environment has none", async () => {
        h = await startHarness({}, { env: {} });
        const config: Record<string, string> = { "cloudflare:apiToken": DEFAULT_API_TOKEN, "cloudflare:baseUrl": h.emulator.url };
        await h.provider.configure({ config: { get: (k: string) => config[k], require: (k: string) => config[k] } });
        const { outs } = await h.provider.create(await newInputs());
        expect(outs?.status).toBe("active");
    });

    test("missing credentials: a clear error at the first method that needs them, no request made", async () => {
        h = await startHarness();
        // Pointed at the emulator, so a request sent without credentials would show in its log.
        const provider = createHostnameCertificateProvider({ env: { CLOUDFLARE_BASE_URL: h.emulator.url }, progress: memoryReporter() });
        const inputs = await newInputs();
        await expect(provider.create(inputs)).rejects.toThrow(/credentials are missing: .*cloudflare:apiToken.*CLOUDFLARE_API_TOKEN/);
        await expect(provider.check({} as never, inputs)).resolves.toMatchObject({ failures: [] });
        expect(h.emulator.requests).toEqual([]);
    });

    test("a token with a line break fails at once, naming the setting, with no request and no retries", async () => {
        h = await startHarness();
        const token = "local-emulator\ntoken-abcdef0123456789";
        const progress = memoryReporter();
        // A clock that records every wait: a retry or a backoff would show as a sleep.
        const clock = fakeClock();
        const provider = createHostnameCertificateProvider({ env: { CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_BASE_URL: h.emulator.url }, progress, now: clock.now, sleep: clock.sleep });
        const error = await rejection(provider.create(await newInputs()));
        expect(error.message).toMatch(/^CLOUDFLARE_API_TOKEN contains whitespace \(a space or a line break\), which no request can carry/);
        expect(`${error.message}${error.stack}${progress.lines.join("")}`).not.toContain("abcdef0123456789");
        expect(clock.sleeps).toEqual([]);
        expect(h.requestCount()).toBe(0);
    });

    test("stack config apiKey + email wins over an environment token", async () => {
        h = await startHarness({}, { env: { CLOUDFLARE_API_TOKEN: "wrongtoken0123456789abcdef0123456789abcd", CLOUDFLARE_BASE_URL: "" } });
        const config: Record<string, string> = { "cloudflare:apiKey": DEFAULT_API_KEY.key, "cloudflare:email": DEFAULT_API_KEY.email, "cloudflare:baseUrl": h.emulator.url };
        await h.provider.configure({ config: { get: (k: string) => config[k], require: (k: string) => config[k] } });
        expect((await h.provider.create(await newInputs())).outs?.status).toBe("active");
    });

    test("a wrong token fails with the API's answer and never echoes the token", async () => {
        h = await startHarness();
        const token = "wrongtoken0123456789abcdef0123456789abcd"; // 40 characters, well-formed
        const provider = createHostnameCertificateProvider({
            env: { CLOUDFLARE_API_TOKEN: token, CLOUDFLARE_BASE_URL: h.emulator.url },
            progress: memoryReporter(),
        });
        const error = await rejection(provider.create(await newInputs()));
        expect(error.message).toMatch(/^403 Cloudflare error 10000 \(Authentication error\) on POST .*: check the API token/);
        expect(`${error.message}\n${error.stack}`).not.toContain(token);
    });
});

describe("read (refresh)", () => {
    test("returns current outputs and no inputs, so the engine keeps the stored ones (the key among them) and a refresh produces no diff", async () => {
        h = await startHarness();
        const inputs = { ...(await newInputs()), deleteTimeout: "3m" };
        const { id, outs } = await h.provider.create(inputs);
        const stored = { ...outs!, __provider: inputs.__provider };
        const read = await h.provider.read(id, stored);
        expect(read.id).toBe(id);
        expect(read.props).toEqual(outs);
        expect(read.inputs).toBeUndefined();
        expectSerializable(read.props);
        // The engine's refresh diff: the refreshed outputs against the stored inputs.
        expect(await h.provider.diff(id, read.props!, inputs)).toMatchObject({ changes: false, replaces: [] });
    });

    test("outputs an earlier version wrote (the key, no fingerprint) read back with the fingerprint instead, with GETs only", async () => {
        h = await startHarness();
        const inputs = await newInputs();
        const { id, outs } = await h.provider.create(inputs);
        const legacy = { ...legacyOutputs(outs!, inputs.privateKey), __provider: inputs.__provider };
        expect(await h.provider.diff(id, legacy, inputs)).toMatchObject({ changes: false, replaces: [] });
        const before = h.requestCount();
        const read = await h.provider.read(id, legacy);
        expect(read.props).toEqual(outs);
        expectNoKey(read.props, inputs.privateKey);
        expect(h.emulator.requests.slice(before).map((r) => r.method)).toEqual(["GET"]);
    });

    test("an out-of-band delete makes read report the certificate gone", async () => {
        h = await startHarness();
        const { id, outs } = await h.provider.create(await newInputs());
        h.emulator.deleteCertificateOutOfBand(ZONE, id);
        expect((await h.provider.read(id, outs)).id).toBeUndefined();
    });

    test("pending_deletion and deleted count as gone", async () => {
        h = await startHarness();
        const { id, outs } = await h.provider.create(await newInputs());
        for (const status of ["pending_deletion", "deleted"] as const) {
            h.emulator.setCertificateStatus(ZONE, id, status);
            expect((await h.provider.read(id, outs)).id).toBeUndefined();
        }
    });
});

describe("update", () => {
    test("a timeout-only change makes no API call and keeps the computed outputs", async () => {
        h = await startHarness();
        const inputs = await newInputs();
        const { id, outs } = await h.provider.create(inputs);
        const before = h.requestCount();
        const news = { zoneId: inputs.zoneId, certificate: inputs.certificate, privateKey: inputs.privateKey, createTimeout: "20m" };
        const diff = await h.provider.diff(id, outs!, news);
        expect(diff).toMatchObject({ changes: true, replaces: [] });
        const updated = await h.provider.update(id, { ...outs!, deleteTimeout: "1m" }, news);
        expect(h.requestCount()).toBe(before);
        expect(updated.outs).toEqual({ ...outs, createTimeout: "20m" });
        expectSerializable(updated.outs);
    });

    test("outputs an earlier version wrote lose the key for its fingerprint", async () => {
        h = await startHarness();
        const inputs = await newInputs();
        const { id, outs } = await h.provider.create(inputs);
        const updated = await h.provider.update(id, legacyOutputs(outs!, inputs.privateKey), { ...inputs, createTimeout: "20m" });
        expect(updated.outs).toEqual({ ...outs, createTimeout: "20m" });
        expectNoKey(updated.outs, inputs.privateKey);
    });
});

describe("delete", () => {
    test("refuses while a hostname still uses the certificate, saying how to fix it", async () => {
        h = await startHarness();
        const { id, outs } = await h.provider.create(await newInputs());
        await updateHostnameAssociations(h.client, ZONE, [{ hostname: "api.example.com", cert_id: id, enabled: true }]);
        const error = await rejection(h.provider.delete(id, outs!));
        expect(error.message).toMatch(
            new RegExp(
                `^Cannot delete HostnameCertificate ${id}: it is still associated with one or more hostnames \\(Cloudflare does not say which\\) \\(Cloudflare error 1433\\)\\. ` +
                    `Void each association first, .*"cert_id":"${id}","enabled":null.*then run \`pulumi up\` or \`pulumi destroy\` again\\. ` +
                    `If this delete is part of replacing the certificate with one that has the same leaf .*issue a new leaf`,
            ),
        );
        expect(liveCertificates(h.emulator)).toHaveLength(1);
        await updateHostnameAssociations(h.client, ZONE, [{ hostname: "api.example.com", cert_id: id, enabled: null }]);
        await h.provider.delete(id, outs!);
        expect(liveCertificates(h.emulator)).toEqual([]);
    });

    test("1433 names the hostnames when Cloudflare's list reveals them (its 2024 item shape)", async () => {
        const id = "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60";
        const items = [
            { id, cert_id: id, hostname: "api.example.com", status: "active" },
            { id: "other", cert_id: "other", hostname: "other.example.com", status: "active" },
            { id, cert_id: id, hostname: "www.example.com", status: "active" },
        ];
        const stub = await startStub((req, res) => (req.method === "GET" ? json(res, 200, ok(items)) : json(res, 400, failure(1433, "in use"))));
        h = await startHarness({}, { env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: stub.url } });
        const error = await rejection(h.provider.delete(id, { ...(await newInputs()), certificateId: id } as never));
        await stub.close();
        expect(error.message).toMatch(
            new RegExp(`^Cannot delete HostnameCertificate ${id}: it is still associated with hostname\\(s\\) api\\.example\\.com, www\\.example\\.com \\(Cloudflare error 1433\\)\\. `),
        );
    });

    test("a certificate already pending deletion (1414): waits until it is gone", async () => {
        h = await startHarness();
        const { id, outs } = await h.provider.create(await newInputs());
        await deleteCertificate(h.client, ZONE, id); // someone else started the delete
        await h.provider.delete(id, outs!);
        expect(h.emulator.requests.filter((r) => r.method === "DELETE").map((r) => r.error_codes)).toEqual([[], [1414]]);
        expect(h.emulator.history.filter((e) => e.kind === "certificate" && e.id === id).map((e) => e.status)).toContain("deleted");
        expect(liveCertificates(h.emulator)).toEqual([]);
    });

    test("a deleted tombstone (1491) counts as deleted", async () => {
        h = await startHarness();
        const { id, outs } = await h.provider.create(await newInputs());
        await deleteCertificate(h.client, ZONE, id);
        h.emulator.advance(600); // deleted, still listed for another 500 ms
        expect(h.emulator.certificates(ZONE).map((c) => c.status)).toEqual(["deleted"]);
        await expect(h.provider.delete(id, outs!)).resolves.toBeUndefined();
        expect(h.emulator.requests.filter((r) => r.method === "DELETE").map((r) => r.error_codes)).toEqual([[], [1491]]);
    });

    test("a certificate already gone (404) counts as deleted", async () => {
        h = await startHarness();
        const { id, outs } = await h.provider.create(await newInputs());
        h.emulator.deleteCertificateOutOfBand(ZONE, id);
        await expect(h.provider.delete(id, outs!)).resolves.toBeUndefined();
    });

    test("deletion_timed_out is a clear error", async () => {
        h = await startHarness();
        const { id, outs } = await h.provider.create(await newInputs());
        h.emulator.failDeletion(ZONE, id);
        await expect(h.provider.delete(id, outs!)).rejects.toThrow(
            new RegExp(`^Cloudflare could not delete HostnameCertificate ${id} \\(status deletion_timed_out after .*\\): run the \`pulumi destroy\` or \`pulumi up\` that deleted it again`),
        );
    });

    test("gives up at deleteTimeout while still pending_deletion", async () => {
        h = await startHarness({ timings: { deletionMs: 120_000 } });
        const inputs = { ...(await newInputs()), deleteTimeout: "5s" };
        const { id, outs } = await h.provider.create(inputs);
        await expect(h.provider.delete(id, outs!)).rejects.toThrow(/is still pending_deletion after 5s \(deleteTimeout 5s\): .*pulumi refresh/);
    });

    test("waits for a still-deploying certificate before deleting it", async () => {
        h = await startHarness();
        const inputs = await newInputs();
        const uploaded = await h.client.request<{ id: string }>("POST", `/zones/${ZONE}/origin_tls_client_auth/hostnames/certificates`, {
            body: { certificate: inputs.certificate, private_key: inputs.privateKey },
        });
        await h.provider.delete(uploaded.result.id, { ...inputs, certificateId: uploaded.result.id } as never);
        expect(h.emulator.requests.some((r) => r.method === "DELETE" && r.error_codes.includes(1434))).toBe(true);
        expect(liveCertificates(h.emulator)).toEqual([]);
    });
});
