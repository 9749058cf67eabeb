/** The provider against the emulator when things go wrong: failed deployments, storms, secrets. */
import { DEFAULT_API_TOKEN } from "../../../emulator";
import { PartialCreateError } from "../../../provider/certificates/create";
import { expectNoKey, expectSerializable, type Harness, liveCertificates, newInputs, rejection, startHarness, ZONE } from "../emulatorHarness";
import { pemLines } from "../../fixtures/certificates";
import { keyFingerprint } from "../../../provider/core/pem";
import { DEFAULT_RETRY_OPTIONS } from "../../../provider/client/retry";

let h: Harness;
afterEach(async () => {
    await h?.emulator.close();
});

/**
 * Nothing was uploaded twice: no upload met Cloudflare's "already exists" (1406), which is what a
 * second POST of a stored certificate gets, and nothing was adopted.
 */
function expectNoDuplicateUpload(harness: Harness): void {
    expect(harness.emulator.requests.filter((r) => r.error_codes.includes(1406))).toEqual([]);
    expect(harness.lines.filter((l) => l.includes("adopting it"))).toEqual([]);
}

describe("a deployment that does not become active", () => {
    test("deployment_timed_out: deletes the upload, leaves nothing, names id, status and what to try", async () => {
        h = await startHarness();
        h.emulator.failNextDeployment();
        const error = await rejection(h.provider.create(await newInputs()));
        expect(error).not.toBeInstanceOf(PartialCreateError);
        expect(error.message).toMatch(
            /^HostnameCertificate [0-9a-f-]{36} did not become active: last status deployment_timed_out after \d+s \(createTimeout 10m\)\. The uploaded certificate was deleted, so nothing was left behind\. Run `pulumi up` again/,
        );
        expect(liveCertificates(h.emulator)).toEqual([]);
        expect(h.lines.some((l) => l.includes("deleted after the failed deployment"))).toBe(true);
    });

    test("createTimeout passes while pending_deployment: no delete Cloudflare would refuse, no wait past it; PartialCreateError keeps the certificate", async () => {
        h = await startHarness({ timings: { activationMs: 30_000 } });
        const error = (await rejection(h.provider.create({ ...(await newInputs()), createTimeout: "5s" }))) as PartialCreateError;
        expect(error).toBeInstanceOf(PartialCreateError);
        expect(error.message).toMatch(/last status pending_deployment after 5s \(createTimeout 5s\)\. Cloudflare is still deploying it/);
        expect(error.message).toMatch(/`pulumi up` goes on waiting until it is active .* `pulumi destroy` deletes it/);
        expect(liveCertificates(h.emulator).map((c) => [c.id, c.status])).toEqual([[error.id, "pending_deployment"]]);
        expect(h.emulator.requests.filter((r) => r.method === "DELETE")).toEqual([]);
    });

    test("Cloudflare gives up deploying: the cleanup delete runs within the create's own deadline, not deleteTimeout", async () => {
        h = await startHarness({ timings: { deletionMs: 60_000 } });
        h.emulator.failNextDeployment();
        const error = (await rejection(h.provider.create({ ...(await newInputs()), createTimeout: "3s", deleteTimeout: "10m" }))) as PartialCreateError;
        expect(error).toBeInstanceOf(PartialCreateError);
        expect(error.message).toMatch(/Deleting it failed too \(HostnameCertificate \S+ is still pending_deletion after \d+s \(createTimeout 3s\)/);
        expect(h.emulator.requests.filter((r) => r.method === "DELETE")).toHaveLength(1);
        expect(liveCertificates(h.emulator)).toEqual([]);
    });

    test("when the cleanup fails too, create throws PartialCreateError with the id and properties for the engine to record", async () => {
        h = await startHarness();
        h.emulator.failNextDeployment();
        h.emulator.failNextDeletion();
        const inputs = await newInputs();
        const error = (await rejection(h.provider.create(inputs))) as PartialCreateError;
        expect(error).toBeInstanceOf(PartialCreateError);
        expect(error.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(error.properties).toMatchObject({ __provider: inputs.__provider, certificateId: error.id, zoneId: ZONE });
        // They become the resource's outputs: the key's fingerprint, never the key (the engine keeps it in the inputs).
        expect(error.properties).toMatchObject({ privateKeyFingerprint: keyFingerprint(inputs.privateKey) });
        expect(error.properties).not.toHaveProperty("privateKey");
        expectNoKey(error.properties, inputs.privateKey);
        expect(error.reasons).toEqual([error.message]);
        expectSerializable(error.properties);
        expect(error.message).toMatch(/Deleting it failed too \(Cloudflare could not delete .*deletion_timed_out.*\), so Pulumi keeps it in the stack's state/);
    });
});

describe("storms of 429, 5xx and resets", () => {
    test.each([
        [1, "before"],
        [7, "before"],
        [42, "before"],
        // Seeds whose storm loses the answer to a delete (1, 8, 14) or an upload (8, 14) Cloudflare carried out.
        [1, "after"],
        [8, "after"],
        [14, "after"],
    ] as const)("create, read and delete still succeed with a bounded number of requests (seed %i, failures %s handling)", async (seed, timing) => {
        h = await startHarness();
        h.emulator.injectFaults({ rate: 0.5, kinds: [429, 500, 502, 503, "reset"], seed, retryAfterSeconds: 2, timing });
        const inputs = await newInputs();
        const { id, outs } = await h.provider.create(inputs);
        expect((await h.provider.read(id, outs)).props?.status).toBe("active");
        await h.provider.delete(id, outs!);
        h.emulator.clearFaults();
        // One certificate was uploaded, whatever happened on the wire, and it is gone now.
        expect(h.emulator.history.filter((e) => e.kind === "certificate" && e.status === "initializing")).toHaveLength(1);
        expectNoDuplicateUpload(h);
        if (timing === "after") expect(h.emulator.requests.filter((r) => r.method !== "GET" && r.fault_timing === "after").length).toBeGreaterThan(0);
        expect(liveCertificates(h.emulator)).toEqual([]);
        expect(h.requestCount()).toBeLessThanOrEqual(40);
        process.stdout.write(`storm seed ${seed} (${timing}): ${h.requestCount()} requests, ${h.emulator.requests.filter((r) => r.fault !== null).length} faults\n`);
        expect(h.emulator.requests.filter((r) => r.fault !== null).length).toBeGreaterThan(0);
    });

    test("a deterministic storm: four failures before every two answers", async () => {
        h = await startHarness();
        const storm = Array.from({ length: 12 }, () => [429, 502, "reset", 503, "ok", "ok"] as const).flat();
        h.emulator.injectSequence([...storm], { retryAfterSeconds: 1 });
        const { id, outs } = await h.provider.create(await newInputs());
        await h.provider.delete(id, outs!);
        expect(liveCertificates(h.emulator)).toEqual([]);
        expect(h.emulator.history.filter((e) => e.kind === "certificate" && e.status === "initializing")).toHaveLength(1);
        const faults = h.emulator.requests.filter((r) => r.fault !== null).length;
        expect(faults).toBeGreaterThanOrEqual(12);
        expect(h.requestCount()).toBeLessThanOrEqual(60);
        process.stdout.write(`deterministic storm: ${h.requestCount()} requests, ${faults} faults\n`);
    });

    test("an API that keeps failing makes create give up after a bounded number of requests", async () => {
        h = await startHarness();
        h.emulator.injectFaults({ rate: 1, kinds: [503], seed: 1, match: { method: "GET" } });
        const error = await rejection(h.provider.create(await newInputs()));
        // Upload, three failed status reads (every attempt failing), DELETE, three failed reads again.
        const attempts = DEFAULT_RETRY_OPTIONS.maxAttempts;
        expect(h.requestCount()).toBeLessThanOrEqual(1 + 3 * attempts + 1 + 3 * attempts);
        expect(error).toBeInstanceOf(PartialCreateError);
        expect(error.message).toMatch(/did not become active: last status initializing \(then reading its status failed: 503 Cloudflare error 1499/);
    });

    test.each([502, "reset"] as const)("an upload whose answer is lost (%s after Cloudflare stored it) is found by listing, not posted again", async (kind) => {
        h = await startHarness();
        h.emulator.injectSequence([kind], { match: { method: "POST" }, timing: "after" });
        const { id, outs } = await h.provider.create(await newInputs());
        expect(outs?.status).toBe("active");
        const posts = h.emulator.requests.filter((r) => r.method === "POST");
        expect(posts.map((r) => [r.fault, r.fault_timing])).toEqual([[kind, "after"]]);
        expect(h.emulator.requests[1].operation).toBe("hostnameCertificates.list");
        expect(h.lines).toContain(`Upload to zone ${ZONE} failed without a clear answer (${kind === 502 ? "InternalServerError" : "CloudflareConnectionError"}); checking whether Cloudflare stored it`);
        expectNoDuplicateUpload(h);
        expect(h.emulator.certificates(ZONE).map((c) => c.id)).toEqual([id]);
    });

    test("an upload whose answer is lost, then a failed deployment: the upload was ours, so it is deleted, not left behind", async () => {
        h = await startHarness();
        h.emulator.injectSequence([502], { match: { method: "POST" }, timing: "after" });
        h.emulator.failNextDeployment();
        const error = await rejection(h.provider.create(await newInputs()));
        expect(error).not.toBeInstanceOf(PartialCreateError);
        expect(error.message).toMatch(/last status deployment_timed_out .* The uploaded certificate was deleted, so nothing was left behind/);
        expectNoDuplicateUpload(h);
        expect(liveCertificates(h.emulator)).toEqual([]);
    });

    test("an upload refused before it was stored (502, then a reset) is listed, then posted again", async () => {
        h = await startHarness();
        h.emulator.injectSequence([502, "reset"], { match: { method: "POST" } });
        const { outs } = await h.provider.create(await newInputs());
        expect(outs?.status).toBe("active");
        const posts = h.emulator.requests.filter((r) => r.method === "POST");
        expect(posts.map((r) => r.status)).toEqual([502, 0, 200]);
        // Each ambiguous failure was followed by a listing before posting again.
        const sequence = h.emulator.requests.map((r) => (r.operation ?? "").includes("list") ? "LIST" : r.method);
        expect(sequence.slice(0, 5)).toEqual(["POST", "LIST", "POST", "LIST", "POST"]);
        expect(h.emulator.certificates(ZONE)).toHaveLength(1);
    });

    test.each(["certificate", "association"] as const)(
        "an upload stored but answered 502, lists in the %s shape: reconciled by its id; a failed deployment deletes that id",
        async (listShape) => {
            h = await startHarness({ listShape });
            h.emulator.injectSequence([502], { match: { method: "POST" }, timing: "after" });
            const { id, outs } = await h.provider.create(await newInputs());
            expect(outs?.status).toBe("active");
            expect(h.emulator.certificates(ZONE).map((c) => c.id)).toEqual([id]);

            h.emulator.injectSequence([502], { match: { method: "POST" }, timing: "after" });
            h.emulator.failNextDeployment();
            const error = await rejection(h.provider.create(await newInputs({ freshKey: true })));
            expect(error.message).toMatch(/^HostnameCertificate [0-9a-f-]{36} did not become active: .*The uploaded certificate was deleted, so nothing was left behind/);
            expect(h.emulator.requests.filter((r) => r.path.includes("undefined"))).toEqual([]);
            expect(liveCertificates(h.emulator).map((c) => c.id)).toEqual([id]);
        },
    );

    test("429s on the upload are retried after Retry-After", async () => {
        h = await startHarness();
        h.emulator.injectSequence([429, 429], { match: { method: "POST" }, retryAfterSeconds: 3 });
        const before = h.emulator.clock.now();
        await h.provider.create(await newInputs());
        expect(h.emulator.requests.filter((r) => r.method === "POST").map((r) => r.status)).toEqual([429, 429, 200]);
        expect(h.emulator.clock.now() - before).toBeGreaterThanOrEqual(6000);
        const retryLine = new RegExp(`^Cloudflare POST .* failed \\(HTTP 429 971\\); retry \\d of ${DEFAULT_RETRY_OPTIONS.maxAttempts - 1} in 3\\.0s$`);
        expect(h.lines.filter((l) => retryLine.test(l))).toHaveLength(2);
    });
});

describe("secrets", () => {
    test("neither the private key nor the token appears in any log line or error", async () => {
        h = await startHarness();
        const inputs = await newInputs();
        const messages: string[] = [];
        const collect = async (promise: Promise<unknown>) => {
            try {
                await promise;
            } catch (error) {
                messages.push(`${(error as Error).message}\n${(error as Error).stack}`);
            }
        };
        h.emulator.injectFaults({ rate: 0.3, kinds: [429, 502, "reset"], seed: 3, retryAfterSeconds: 0 });
        const { id, outs } = await h.provider.create(inputs);
        h.emulator.failNextDeployment();
        h.emulator.failNextDeletion();
        await collect(h.provider.create(await newInputs({ freshKey: true })));
        await collect(h.provider.create({ ...inputs, zoneId: "ffffffffffffffffffffffffffffffff", certificate: "junk" }));
        h.emulator.clearFaults();
        h.emulator.failDeletion(ZONE, id);
        await collect(h.provider.delete(id, outs!));
        expect(messages.length).toBeGreaterThanOrEqual(3);
        const everything = [...h.lines, ...messages].join("\n");
        for (const line of pemLines(inputs.privateKey)) expect(everything).not.toContain(line);
        expect(everything).not.toContain(DEFAULT_API_TOKEN);
    });

    test("a server that echoes the key back has it scrubbed from the error", async () => {
        const { startStub, json } = await import("../client/stubServer");
        const inputs = await newInputs();
        const stub = await startStub((req, res) =>
            json(res, 400, { success: false, errors: [{ code: 2106, message: `bad key: ${JSON.parse(req.body).private_key}` }], result: null }),
        );
        h = await startHarness({}, { env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: stub.url } });
        const error = await rejection(h.provider.create(inputs));
        await stub.close();
        expect(error.message).toMatch(/^400 Cloudflare error 2106 \(bad key: .*\[redacted\]/);
        for (const line of pemLines(inputs.privateKey)) expect(`${error.message}${error.stack}`).not.toContain(line);
    });
});
