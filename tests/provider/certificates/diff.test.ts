import fc from "fast-check";
import { diffInputs } from "../../../provider/certificates/diff";
import { sameTimeout } from "../../../provider/runtime/inputs";
import { UNKNOWN } from "../../../provider/contract";
import { keyFingerprint } from "../../../provider/core/pem";
import { makeCertificate, makeChain } from "../../fixtures/certificates";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
const OTHER_ZONE = "0123456789abcdef0123456789abcdef";

function wrap(pem: string, width: number, eol: string): string {
    return pem.replace(/-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/g, (_m, label: string, body: string) => {
        const lines = body.replace(/\s+/g, "").match(new RegExp(`.{1,${width}}`, "g")) ?? [];
        return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`].join(eol);
    });
}

/** Stored outputs (the key's fingerprint, never the key) and the same certificate's inputs. */
async function state() {
    const made = await makeCertificate();
    const olds = {
        zoneId: ZONE,
        certificate: made.certificate,
        privateKeyFingerprint: keyFingerprint(made.privateKey),
        certificateId: "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60",
        status: "active" as const,
        __provider: "exports.handler = …",
    };
    const news = { zoneId: ZONE, certificate: made.certificate, privateKey: made.privateKey };
    return { made, olds, news };
}

describe("diff", () => {
    test("identical inputs: no change", async () => {
        const { olds, news } = await state();
        expect(diffInputs(olds, news)).toMatchObject({ changes: false, replaces: [] });
    });

    test("formatting only (CRLF, wrapping, trailing whitespace): no change", async () => {
        const { olds, news } = await state();
        fc.assert(
            fc.property(fc.integer({ min: 16, max: 100 }), fc.constantFrom("\n", "\r\n"), fc.constantFrom("", "\n", "  \n", "\r\n\r\n"), (w, eol, tail) => {
                const reformatted = { ...news, certificate: wrap(news.certificate, w, eol) + tail, privateKey: wrap(news.privateKey, w, eol) + tail };
                expect(diffInputs(olds, reformatted)).toMatchObject({ changes: false, replaces: [] });
            }),
            { numRuns: 40 },
        );
    });

    test("the same key in another encoding: no change", async () => {
        const pkcs1 = await makeCertificate({ keyEncoding: "pkcs1" });
        const { olds, news } = await state();
        expect(pkcs1.privateKey).not.toBe(news.privateKey);
        expect(diffInputs(olds, { ...news, privateKey: pkcs1.privateKey })).toMatchObject({ changes: false });
    });

    test("a new certificate, a new key or a new zone replaces", async () => {
        const { olds, news } = await state();
        const other = await makeCertificate({ freshKey: true });
        expect(diffInputs(olds, { ...news, certificate: other.certificate }).replaces).toEqual(["certificate"]);
        expect(diffInputs(olds, { ...news, privateKey: other.privateKey }).replaces).toEqual(["privateKey"]);
        // The key is the evidence: a stale fingerprint beside a new key does not hide the change.
        expect(diffInputs(olds, { ...news, privateKey: other.privateKey, privateKeyFingerprint: olds.privateKeyFingerprint }).replaces).toEqual(["privateKey"]);
        expect(diffInputs(olds, { ...news, zoneId: OTHER_ZONE }).replaces).toEqual(["zoneId"]);
        expect(diffInputs(olds, { ...news, ...other }).replaces).toEqual(["certificate", "privateKey"]);
        expect(diffInputs(olds, { ...news, ...other })).toMatchObject({ changes: true, deleteBeforeReplace: false });
    });

    test("only a timeout: an update, not a replacement", async () => {
        const { olds, news } = await state();
        expect(diffInputs(olds, { ...news, createTimeout: "2m" })).toMatchObject({ changes: true, replaces: [] });
        expect(diffInputs({ ...olds, deleteTimeout: "5m" }, news)).toMatchObject({ changes: true, replaces: [] });
    });

    test("equivalent timeouts are no change; unset equals the default", async () => {
        const { olds, news } = await state();
        expect(diffInputs({ ...olds, createTimeout: "90s" }, { ...news, createTimeout: "1.5m" }).changes).toBe(false);
        expect(diffInputs(olds, { ...news, createTimeout: "10m", deleteTimeout: "600s" }).changes).toBe(false);
        expect(sameTimeout("1h", "60m", "10m")).toBe(true);
        expect(sameTimeout("1h", "59m", "10m")).toBe(false);
    });

    test("unknown values (preview) may change: they count", async () => {
        const { olds, news } = await state();
        expect(diffInputs(olds, { ...news, certificate: UNKNOWN }).replaces).toEqual(["certificate"]);
        expect(diffInputs(olds, { ...news, privateKey: UNKNOWN }).replaces).toEqual(["privateKey"]);
        expect(diffInputs(olds, { ...news, zoneId: UNKNOWN }).replaces).toEqual(["zoneId"]);
        expect(diffInputs(olds, { ...news, createTimeout: UNKNOWN })).toMatchObject({ changes: true, replaces: [] });
    });

    test("in a preview the key is unknown and its fingerprint decides", async () => {
        const { olds, news } = await state();
        const other = await makeCertificate({ freshKey: true });
        const preview = { ...news, privateKey: UNKNOWN, privateKeyFingerprint: olds.privateKeyFingerprint };
        expect(diffInputs(olds, preview)).toMatchObject({ changes: false, replaces: [] });
        expect(diffInputs(olds, { ...preview, privateKeyFingerprint: keyFingerprint(other.privateKey) }).replaces).toEqual(["privateKey"]);
        expect(diffInputs(olds, { ...preview, privateKeyFingerprint: UNKNOWN }).replaces).toEqual(["privateKey"]);
    });

    test("outputs an earlier version wrote (the key itself, no fingerprint): no change for the same key, a replace for another", async () => {
        const { made, olds, news } = await state();
        const { privateKeyFingerprint: _fingerprint, ...rest } = olds;
        const legacy = { ...rest, privateKey: made.privateKey };
        const other = await makeCertificate({ freshKey: true });
        expect(diffInputs(legacy, news)).toMatchObject({ changes: false, replaces: [] });
        expect(diffInputs(legacy, { ...news, privateKey: UNKNOWN, privateKeyFingerprint: olds.privateKeyFingerprint })).toMatchObject({ changes: false, replaces: [] });
        expect(diffInputs(legacy, { ...news, privateKey: other.privateKey }).replaces).toEqual(["privateKey"]);
    });

    test("the same leaf with a new chain deletes before replacing (a zone holds a certificate once)", async () => {
        const { leaf, chainPem } = await makeChain();
        const olds = { zoneId: ZONE, certificate: leaf.certificate, privateKey: leaf.privateKey };
        const result = diffInputs(olds, { ...olds, certificate: chainPem });
        expect(result).toMatchObject({ changes: true, replaces: ["certificate"], deleteBeforeReplace: true });
        expect(diffInputs(olds, { ...olds, certificate: chainPem, zoneId: OTHER_ZONE }).deleteBeforeReplace).toBe(false);
    });

    test("unparsable old text compares as text (no crash)", async () => {
        const { news } = await state();
        const olds = { zoneId: ZONE, certificate: "garbage", privateKey: "garbage" };
        expect(diffInputs(olds, news).replaces).toEqual(["certificate", "privateKey"]);
        expect(diffInputs(olds, olds).changes).toBe(false);
    });
});
