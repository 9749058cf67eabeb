/**
 * The status lifecycle on a clock the tests control:
 * initializing → pending_deployment → active; delete → pending_deletion → deleted → 404;
 * and the two timed-out endings.
 */
import { startEmulator, type Emulator } from "../../../emulator";
import { makeCertificate } from "../../fixtures/certificates";
import { call, codes, OTHER_ZONE, paths, upload, uploadNew, useEmulator, ZONE } from "../helpers";

async function status(emulator: Emulator, id: string, zone = ZONE): Promise<string | number> {
    const response = await call(emulator, "GET", paths.certificate(id, zone));
    return response.status === 200 ? response.json.result.status : response.status;
}

async function remove(emulator: Emulator, id: string): Promise<number> {
    return (await call(emulator, "DELETE", paths.certificate(id))).status;
}

describe("deployment", () => {
    const emulator = useEmulator();

    test("initializing → pending_deployment at 250 ms → active at 1000 ms", async () => {
        const id = await uploadNew(emulator());
        expect(await status(emulator(), id)).toBe("initializing");
        emulator().advance(249);
        expect(await status(emulator(), id)).toBe("initializing");
        emulator().advance(1);
        expect(await status(emulator(), id)).toBe("pending_deployment");
        emulator().advance(749);
        expect(await status(emulator(), id)).toBe("pending_deployment");
        emulator().advance(1);
        expect(await status(emulator(), id)).toBe("active");
        emulator().advance(10 * 24 * 3600 * 1000);
        expect(await status(emulator(), id)).toBe("active");
    });

    test("failNextDeployment makes the next upload end in deployment_timed_out, once", async () => {
        emulator().failNextDeployment("deployment_timed_out");
        const failing = await uploadNew(emulator());
        const fine = await uploadNew(emulator());
        emulator().advance(1_000);
        expect(await status(emulator(), failing)).toBe("deployment_timed_out");
        expect(await status(emulator(), fine)).toBe("active");
    });

    test("failNextDeployment can be scoped to a zone and a count", async () => {
        emulator().failNextDeployment("deployment_timed_out", { zoneId: OTHER_ZONE, count: 2 });
        const here = await uploadNew(emulator());
        const there = [await uploadNew(emulator(), {}, OTHER_ZONE), await uploadNew(emulator(), {}, OTHER_ZONE), await uploadNew(emulator(), {}, OTHER_ZONE)];
        emulator().advance(1_000);
        expect(await status(emulator(), here)).toBe("active");
        expect(await Promise.all(there.map((id) => status(emulator(), id, OTHER_ZONE)))).toEqual(["deployment_timed_out", "deployment_timed_out", "active"]);
    });

    test("failDeployment turns one certificate that is still deploying; a deployed one cannot be", async () => {
        const id = await uploadNew(emulator());
        emulator().advance(300);
        emulator().failDeployment(ZONE, id);
        expect(await status(emulator(), id)).toBe("pending_deployment");
        emulator().advance(700);
        expect(await status(emulator(), id)).toBe("deployment_timed_out");
        const done = await uploadNew(emulator());
        emulator().advance(1_000);
        expect(() => emulator().failDeployment(ZONE, done)).toThrow(/not deploying/);
    });

    test("a deployment_timed_out certificate stays so and can be deleted", async () => {
        emulator().failNextDeployment();
        const id = await uploadNew(emulator());
        emulator().advance(60_000);
        expect(await status(emulator(), id)).toBe("deployment_timed_out");
        expect(await remove(emulator(), id)).toBe(200);
    });
});

describe("deletion", () => {
    const emulator = useEmulator();

    async function active(): Promise<string> {
        const id = await uploadNew(emulator());
        emulator().advance(1_000);
        return id;
    }

    test("pending_deletion → deleted (a readable, listed tombstone) → 404", async () => {
        const id = await active();
        const response = await call(emulator(), "DELETE", paths.certificate(id));
        expect(response.json.result).toMatchObject({ id, status: "pending_deletion" });
        emulator().advance(499);
        expect(await status(emulator(), id)).toBe("pending_deletion");
        emulator().advance(1);
        expect(await status(emulator(), id)).toBe("deleted");
        const list = await call(emulator(), "GET", paths.certificates());
        expect(list.json.result.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([[id, "deleted"]]);
        emulator().advance(500);
        expect(await status(emulator(), id)).toBe(404);
        expect((await call(emulator(), "GET", paths.certificates())).json.result).toEqual([]);
    });

    test("failNextDeletion makes the next deletion end in deletion_timed_out, which can be retried", async () => {
        const id = await active();
        emulator().failNextDeletion("deletion_timed_out");
        expect(await remove(emulator(), id)).toBe(200);
        emulator().advance(60_000);
        expect(await status(emulator(), id)).toBe("deletion_timed_out");
        expect(await remove(emulator(), id)).toBe(200);
        emulator().advance(1_000);
        expect(await status(emulator(), id)).toBe(404);
    });

    test("failDeletion turns the deletion in progress, or else the next one", async () => {
        const running = await active();
        const later = await active();
        await remove(emulator(), running);
        emulator().failDeletion(ZONE, running);
        emulator().failDeletion(ZONE, later);
        emulator().advance(500);
        expect(await status(emulator(), running)).toBe("deletion_timed_out");
        await remove(emulator(), later);
        emulator().advance(500);
        expect(await status(emulator(), later)).toBe("deletion_timed_out");
    });

    test("timings are configurable; zero means at once", async () => {
        const instant = await startEmulator({ timings: { activationMs: 0, deletionMs: 0, tombstoneMs: 0 } });
        try {
            const created = await upload(instant, await makeCertificate());
            expect(created.json.result.status).toBe("active");
            const deleted = await call(instant, "DELETE", paths.certificate(created.json.result.id));
            expect(deleted.json.result.status).toBe("deleted");
            expect(await status(instant, created.json.result.id)).toBe(404);
        } finally {
            await instant.close();
        }
    });
});

describe("tombstones and re-uploads", () => {
    const emulator = useEmulator();

    test("re-uploading during pending_deletion is 1406; during the tombstone it resurrects the same id; after it, a new id", async () => {
        const made = await makeCertificate();
        const id = (await upload(emulator(), made)).json.result.id;
        emulator().advance(1_000);
        await remove(emulator(), id);
        expect(codes(await upload(emulator(), made))).toEqual([1406]);
        emulator().advance(500);
        const resurrected = await upload(emulator(), made);
        expect(resurrected.json.result).toMatchObject({ id, status: "initializing" });
        emulator().advance(10_000); // the old tombstone's removal must not apply any more
        expect(await status(emulator(), id)).toBe("active");
        await remove(emulator(), id);
        emulator().advance(1_000);
        const fresh = await upload(emulator(), made);
        expect(fresh.json.result.id).not.toBe(id);
    });
});

describe("real time", () => {
    test("without a manual clock, statuses progress with real time", async () => {
        const emulator = await startEmulator({ timings: { initializingMs: 5, activationMs: 10 } });
        try {
            const id = await uploadNew(emulator);
            let current: string | number = "initializing";
            while (current !== "active") {
                expect(["initializing", "pending_deployment", "active"]).toContain(current);
                await new Promise((resolve) => setTimeout(resolve, 5));
                current = await status(emulator, id);
            }
            expect(() => emulator.advance(1)).toThrow(/manual clock/);
        } finally {
            await emulator.close();
        }
    });
});
