/**
 * The certificate list's two item shapes (documented drift, `docs/reference/cloudflare-api.md` §5) and
 * its optional paging, set at start, from JS and over the control API.
 */
import { call, control, paths, putHostnames, uploadNew, useEmulator } from "../helpers";

const emulator = useEmulator();
const list = async (query = "") => (await call(emulator(), "GET", `${paths.certificates()}${query}`)).json;

describe("list shapes", () => {
    test("certificate shape (default): the certificate object plus cert_id", async () => {
        const id = await uploadNew(emulator());
        const [item] = (await list()).result;
        expect(item).toMatchObject({ id, cert_id: id, status: "initializing" });
        expect(item.uploaded_on).toEqual(expect.any(String));
    });

    test("association shape: one item per association, cert_status and cert_uploaded_on, never an id", async () => {
        const used = await uploadNew(emulator());
        const unused = await uploadNew(emulator());
        emulator().advance(1_000);
        await putHostnames(emulator(), ["a.example.com", "b.example.com"].map((hostname) => ({ hostname, cert_id: used, enabled: true })));
        emulator().setListing({ shape: "association" });
        const items = (await list()).result;
        expect(items.map((i: Record<string, unknown>) => [i.cert_id, i.hostname, i.status, i.cert_status])).toEqual([
            [used, "a.example.com", "pending_deployment", "active"],
            [used, "b.example.com", "pending_deployment", "active"],
            [unused, undefined, "active", "active"],
        ]);
        for (const item of items) {
            expect(item).not.toHaveProperty("id");
            expect(item).not.toHaveProperty("uploaded_on");
            expect(item.cert_uploaded_on).toEqual(expect.any(String));
        }
    });

    test("the control API switches the shape, and reset restores the start options", async () => {
        await uploadNew(emulator());
        expect((await control(emulator(), "PUT", "/listing", { shape: "association" })).status).toBe(200);
        expect((await list()).result[0]).not.toHaveProperty("id");
        expect((await control(emulator(), "PUT", "/listing", { shape: "other" })).json.errors[0].message).toMatch(/list shape must be/);
        emulator().reset();
        await uploadNew(emulator());
        expect((await list()).result[0]).toHaveProperty("id");
    });
});

describe("paging (our own knob: Cloudflare answers one page)", () => {
    test("pages by ?page= with result_info; null puts everything on one page again", async () => {
        const ids = [];
        for (let i = 0; i < 5; i++) ids.push(await uploadNew(emulator()));
        emulator().setListing({ pageSize: 2 });
        const pages = [await list(), await list("?page=2"), await list("?page=3"), await list("?page=4")];
        expect(pages.map((p) => p.result_info)).toEqual([
            { page: 1, per_page: 2, count: 2, total_count: 5, total_pages: 3 },
            { page: 2, per_page: 2, count: 2, total_count: 5, total_pages: 3 },
            { page: 3, per_page: 2, count: 1, total_count: 5, total_pages: 3 },
            { page: 4, per_page: 2, count: 0, total_count: 5, total_pages: 3 },
        ]);
        expect(pages.flatMap((p) => p.result.map((c: { id: string }) => c.id))).toEqual(ids);
        await control(emulator(), "PUT", "/listing", { page_size: null });
        expect((await list()).result_info).toMatchObject({ count: 5, total_pages: 1 });
        expect(() => emulator().setListing({ pageSize: 0 })).toThrow(/page size/);
        expect(emulator().requests.every((r) => !r.path.includes("?"))).toBe(true);
    });
});
