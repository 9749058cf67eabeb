/**
 * Uploads are parsed as real X.509: what is accepted, what is refused with which code, and the
 * fields the API reports.
 */
import { X509Certificate } from "node:crypto";
import { makeCertificate, makeChain } from "../../fixtures/certificates";
import { call, codes, OTHER_ZONE, paths, upload, uploadNew, useEmulator, ZONE } from "../helpers";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("certificate upload", () => {
    const emulator = useEmulator();

    test("reports the certificate's real fields and starts initializing", async () => {
        const made = await makeCertificate({ daysUntilExpiry: 30 });
        const response = await upload(emulator(), made);
        expect(response.status).toBe(200);
        const result = response.json.result;
        expect(result.id).toMatch(UUID);
        expect(result.status).toBe("initializing");
        expect(result.issuer).toBe("Fixture");
        expect(result.signature).toBe("SHA256WithRSA");
        expect(result.serial_number).toBe(BigInt(`0x${made.serialNumber}`).toString(10));
        expect(result.expires_on).toBe(new Date(new X509Certificate(made.certificate).validTo).toISOString().replace(".000Z", "Z"));
        expect(result.uploaded_on).toBe(new Date(emulator().clock.now()).toISOString());
        expect(result.certificate).toBe(made.certificate);
        expect(Object.keys(result).sort()).toEqual(["certificate", "expires_on", "id", "issuer", "serial_number", "signature", "status", "uploaded_on"]);
    });

    test.each([
        [{ keyType: "ec" as const }, "ECDSAWithSHA256"],
        [{ keyType: "ec" as const, hash: "SHA-384" as const }, "ECDSAWithSHA384"],
        [{ hash: "SHA-512" as const }, "SHA512WithRSA"],
        [{ hash: "SHA-1" as const }, "SHA1WithRSA"],
        [{ keyType: "ed25519" as const }, "Ed25519"],
    ])("signature of %j is %s", async (options, signature) => {
        const response = await upload(emulator(), await makeCertificate(options));
        expect(response.json.result.signature).toBe(signature);
    });

    test.each(["pkcs1", "sec1"] as const)("accepts a %s private key", async (keyEncoding) => {
        const keyType = keyEncoding === "sec1" ? "ec" : "rsa";
        const response = await upload(emulator(), await makeCertificate({ keyType, keyEncoding }));
        expect(response.status).toBe(200);
    });

    test("accepts a leaf followed by its CA; the fields are the leaf's", async () => {
        const { leaf, chainPem } = await makeChain({ commonName: "leaf.example.com" });
        const response = await upload(emulator(), { certificate: chainPem, privateKey: leaf.privateKey });
        expect(response.status).toBe(200);
        expect(response.json.result.serial_number).toBe(BigInt(`0x${leaf.serialNumber}`).toString(10));
    });

    test("normalises trailing whitespace of the PEM to one newline", async () => {
        const made = await makeCertificate();
        const response = await upload(emulator(), { ...made, certificate: `${made.certificate.trimEnd()}\n\n  \n` });
        expect(response.json.result.certificate).toBe(made.certificate);
    });

    test("refuses what is not a PEM certificate with 1408", async () => {
        const made = await makeCertificate();
        const garbled = made.certificate.replace(/\n[A-Za-z0-9+/]{20}/, "\n!!!!!!!!!!!!!!!!!!!!");
        for (const certificate of ["", "hello", made.privateKey, garbled]) {
            const response = await upload(emulator(), { certificate, privateKey: made.privateKey });
            expect([response.status, codes(response)]).toEqual([400, [1408]]);
        }
    });

    test("refuses a CA certificate, alone or first in a bundle, with 1412", async () => {
        const ca = await makeCertificate({ isCA: true });
        expect(codes(await upload(emulator(), ca))).toEqual([1412]);
        const { ca: chainCa, leaf } = await makeChain();
        const reversed = { certificate: chainCa.certificate + leaf.certificate, privateKey: chainCa.privateKey };
        expect(codes(await upload(emulator(), reversed))).toEqual([1412]);
    });

    test("refuses a private key that does not parse or is encrypted with 2106", async () => {
        const made = await makeCertificate();
        const encrypted = await makeCertificate({ passphrase: "secret" });
        for (const privateKey of ["", "not a key", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", encrypted.privateKey]) {
            const response = await upload(emulator(), { certificate: made.certificate, privateKey });
            expect([response.status, codes(response)]).toEqual([400, [2106]]);
        }
    });

    test("refuses a key that does not match the certificate with 2200, same algorithm or not", async () => {
        const ec = await makeCertificate({ keyType: "ec" });
        const otherEc = await makeCertificate({ keyType: "ec", freshKey: true });
        const rsa = await makeCertificate();
        expect(codes(await upload(emulator(), { certificate: ec.certificate, privateKey: otherEc.privateKey }))).toEqual([2200]);
        expect(codes(await upload(emulator(), { certificate: rsa.certificate, privateKey: ec.privateKey }))).toEqual([2200]);
    });

    test("refuses an expired certificate with 1490 (our choice) but accepts one expiring tomorrow", async () => {
        expect(codes(await upload(emulator(), await makeCertificate({ daysUntilExpiry: -1 })))).toEqual([1490]);
        expect((await upload(emulator(), await makeCertificate({ daysUntilExpiry: 1 }))).status).toBe(200);
    });

    test("checks expiry against the emulator clock", async () => {
        const made = await makeCertificate({ daysUntilExpiry: 2 });
        emulator().advance(3 * 24 * 3600 * 1000);
        expect(codes(await upload(emulator(), made))).toEqual([1490]);
    });

    test("refuses a body without certificate or private_key with 1492", async () => {
        for (const body of [{}, { certificate: "x" }, { private_key: "x" }, [], "text"]) {
            const response = await call(emulator(), "POST", paths.certificates(), { body });
            expect([response.status, codes(response)]).toEqual([400, [1492]]);
        }
    });
});

describe("identical certificates (1406)", () => {
    const emulator = useEmulator();

    test("the same certificate twice in a zone is refused, in another zone accepted", async () => {
        const made = await makeCertificate();
        expect((await upload(emulator(), made)).status).toBe(200);
        const again = await upload(emulator(), { ...made, certificate: made.certificate.replace(/\n/g, "\r\n") });
        expect([again.status, codes(again)]).toEqual([400, [1406]]);
        expect((await upload(emulator(), made, OTHER_ZONE)).status).toBe(200);
    });

    test("a new certificate for the same key is not a duplicate", async () => {
        await uploadNew(emulator());
        expect((await upload(emulator(), await makeCertificate())).status).toBe(200);
    });
});

describe("at most 10 certificates per zone", () => {
    const emulator = useEmulator();

    test("the eleventh upload is refused with 2005; other zones are not affected", async () => {
        for (let i = 0; i < 10; i++) await uploadNew(emulator());
        const eleventh = await upload(emulator(), await makeCertificate());
        expect([eleventh.status, codes(eleventh)]).toEqual([400, [2005]]);
        expect((await upload(emulator(), await makeCertificate(), OTHER_ZONE)).status).toBe(200);
    });

    test("a certificate pending deletion still counts; a deleted tombstone does not", async () => {
        const ids: string[] = [];
        for (let i = 0; i < 10; i++) ids.push(await uploadNew(emulator()));
        emulator().advance(1_000);
        expect((await call(emulator(), "DELETE", paths.certificate(ids[0]))).status).toBe(200);
        expect(codes(await upload(emulator(), await makeCertificate()))).toEqual([2005]);
        emulator().advance(500); // pending_deletion → deleted
        expect((await call(emulator(), "GET", paths.certificate(ids[0]))).json.result.status).toBe("deleted");
        expect((await upload(emulator(), await makeCertificate())).status).toBe(200);
        expect((await call(emulator(), "GET", paths.certificates(ZONE))).json.result).toHaveLength(11);
    });
});
