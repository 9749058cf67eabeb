/**
 * Property-based test of `check` over mutated and random PEM inputs: it never throws, never sends
 * a request, and every failure names `certificate` or `privateKey` without quoting the key. Inputs
 * that are broken for sure (truncated, relabelled, concatenated with the wrong block, random text)
 * must fail on the mutated property; a mutation that may leave the input valid (a flipped bit in a
 * signature, shuffled lines of a modulus) either fails or passes, and what passes is then uploaded
 * to a second emulator, which must accept it: check never lets through what the API would refuse.
 */
import * as fc from "fast-check";
import { X509Certificate } from "node:crypto";
import { DEFAULT_API_TOKEN, startEmulator, type Emulator } from "../../../emulator";
import { CloudflareClient } from "../../../provider/client/http";
import { uploadCertificate } from "../../../provider/client/hostnameCertificates";
import { createHostnameCertificateProvider, type HostnameCertificateProvider } from "../../../provider/certificates/provider";
import { memoryReporter } from "../../../provider/runtime/progress";
import type { HostnameCertificateInputs } from "../../../provider/contract";
import { makeCertificate, makeChain } from "../../fixtures/certificates";

const ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
/** Fixed so every run tries the same cases; FUZZ_SEED and FUZZ_RUNS explore further. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
type Target = "certificate" | "privateKey";

interface Pair {
    readonly certificate: string;
    readonly privateKey: string;
}

/** A mutated input: which property changed, to what, and whether it is certainly invalid now. */
interface Case {
    readonly target: Target;
    readonly value: unknown;
    readonly broken: boolean;
    readonly how: string;
}

let watched: Emulator; // the provider under test talks to this one: it must see no request
let oracle: Emulator; // inputs that pass check are uploaded here
let oracleClient: CloudflareClient;
let provider: HostnameCertificateProvider;
let pairs: Pair[];

beforeAll(async () => {
    watched = await startEmulator();
    oracle = await startEmulator({ timings: { activationMs: 0 } });
    oracleClient = new CloudflareClient({ baseUrl: oracle.url, credentials: { kind: "apiToken", apiToken: DEFAULT_API_TOKEN }, retry: { maxAttempts: 1 } });
    provider = createHostnameCertificateProvider({
        env: { CLOUDFLARE_API_TOKEN: DEFAULT_API_TOKEN, CLOUDFLARE_BASE_URL: watched.url },
        progress: memoryReporter(),
    });
    const rsa = await makeCertificate();
    const ec = await makeCertificate({ keyType: "ec", keyEncoding: "sec1" });
    const { leaf, chainPem } = await makeChain({ keyType: "ec", curve: "P-384" });
    pairs = [rsa, ec, { certificate: chainPem, privateKey: leaf.privateKey }];
});

afterAll(async () => {
    await watched?.close();
    await oracle?.close();
});

// --- PEM surgery ---------------------------------------------------------------------------------

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\n([\s\S]*?)\n-----END \1-----\n?/;

/** Splits the first PEM block of `pem` into its label and base64 lines. */
function firstBlock(pem: string): { label: string; lines: string[]; rest: string } {
    const match = BLOCK.exec(pem)!;
    return { label: match[1], lines: match[2].split("\n"), rest: pem.slice(match.index + match[0].length) };
}

function block(label: string, lines: string[], endLabel = label): string {
    return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${endLabel}-----\n`;
}

/** Flips one bit of the first block's DER. */
function flipBit(pem: string, position: number, bit: number): string {
    const { label, lines, rest } = firstBlock(pem);
    const der = Buffer.from(lines.join(""), "base64");
    der[position % der.length] ^= 1 << bit;
    return block(label, der.toString("base64").match(/.{1,64}/g)!) + rest;
}

/** Drops `count` (≥ 4) characters from the end of the first block's base64, so DER bytes are lost. */
function truncateBody(pem: string, count: number): string {
    const { label, lines } = firstBlock(pem);
    const body = lines.join("");
    return block(label, body.slice(0, Math.max(0, body.length - count)).match(/.{1,64}/g) ?? [""]);
}

// --- arbitraries ---------------------------------------------------------------------------------

const target = fc.constantFrom<Target>("certificate", "privateKey");
const pairIndex = fc.nat({ max: 2 });
const LABELS = ["CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY", "certificate", "NEW CERTIFICATE REQUEST"];
const ACCEPTED: Record<Target, string[]> = { certificate: ["CERTIFICATE"], privateKey: ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"] };

/** Mutations that may or may not leave a valid input. */
const maybeValid = (pair: Pair) =>
    fc.oneof(
        fc.record({ target, position: fc.nat(), bit: fc.nat({ max: 7 }) }).map(({ target: t, position, bit }) => ({
            target: t,
            value: flipBit(pair[t], position, bit),
            broken: false,
            how: `bit ${bit} of byte ${position} flipped`,
        })),
        target.chain((t) => {
            const { label, lines, rest } = firstBlock(pair[t]);
            return fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }).map((shuffled) => ({
                target: t,
                value: block(label, shuffled) + rest,
                broken: false,
                how: "lines shuffled",
            }));
        }),
        fc.record({ target, before: fc.string({ maxLength: 40 }), after: fc.string({ maxLength: 40 }) }).map(({ target: t, before, after }) => ({
            target: t,
            value: `${before}\n${pair[t]}\n${after}`,
            broken: false,
            how: "text around the block",
        })),
    );

/** Mutations after which the input is certainly invalid. */
const certainlyBroken = (pair: Pair, other: Pair) =>
    fc.oneof(
        fc.record({ target, count: fc.integer({ min: 4, max: 400 }) }).map(({ target: t, count }) => ({
            target: t,
            value: truncateBody(pair[t], count),
            broken: true,
            how: `${count} base64 characters cut`,
        })),
        fc.record({ target, at: fc.nat() }).map(({ target: t, at }) => ({
            target: t,
            value: pair[t].slice(0, at % pair[t].indexOf("-----END")),
            broken: true,
            how: "cut before the END line",
        })),
        fc.record({ target, begin: fc.constantFrom(...LABELS), end: fc.constantFrom(...LABELS) }).map(({ target: t, begin, end }) => {
            const { lines } = firstBlock(pair[t]);
            const acceptedLabel = begin === end && ACCEPTED[t].includes(begin);
            return { target: t, value: block(begin, lines, end), broken: !acceptedLabel, how: `labelled ${begin} … ${end}` };
        }),
        fc.constantFrom<Case>(
            { target: "certificate", value: pair.certificate + other.certificate, broken: true, how: "another leaf appended" },
            { target: "certificate", value: pair.certificate + pair.privateKey, broken: true, how: "certificate followed by the key" },
            { target: "certificate", value: pair.privateKey, broken: true, how: "the key as certificate" },
            { target: "privateKey", value: pair.privateKey + other.privateKey, broken: true, how: "two keys" },
            { target: "privateKey", value: pair.privateKey + pair.certificate, broken: true, how: "key followed by the certificate" },
            { target: "privateKey", value: pair.certificate, broken: true, how: "the certificate as key" },
            { target: "privateKey", value: other.privateKey, broken: true, how: "another certificate's key" },
        ),
    );

/** Anything at all in place of the property. */
const random = fc.record({
    target,
    value: fc.oneof(
        fc.string(),
        fc.string({ unit: "binary" }),
        fc.string({ unit: fc.constantFrom("-", "BEGIN ", "END ", "CERTIFICATE", "PRIVATE KEY", "\n", "MIIB", "AAAA", "=") }),
        fc.anything(),
    ),
}).map(({ target: t, value }): Case => ({ target: t, value, broken: true, how: "random value" }));

const cases = fc
    .record({ pair: pairIndex, other: pairIndex })
    .chain(({ pair, other }) => {
        const p = pairs[pair];
        const o = pairs[other === pair ? (other + 1) % pairs.length : other];
        return fc.record({ pair: fc.constant(p), mutation: fc.oneof(maybeValid(p), certainlyBroken(p, o), random) });
    });

// --- the property --------------------------------------------------------------------------------

/** Long base64 lines of a key: what a leak of it would contain. */
const keyLines = (pem: string) => pem.split("\n").filter((l) => /^[A-Za-z0-9+/=]{16,}$/.test(l));

async function acceptedByTheApi(inputs: Pair): Promise<boolean> {
    oracle.reset();
    try {
        await uploadCertificate(oracleClient, ZONE, { certificate: inputs.certificate, private_key: inputs.privateKey });
        return true;
    } catch (error) {
        if (process.env.FUZZ_DEBUG) process.stdout.write(`API refused: ${(error as Error).message}\n`);
        return false;
    }
}

test("check never throws, never sends a request, and names the broken property", async () => {
    let passed = 0;
    await fc.assert(
        fc.asyncProperty(cases, async ({ pair, mutation }) => {
            const news = { zoneId: ZONE, ...pair, [mutation.target]: mutation.value } as unknown as HostnameCertificateInputs;
            const result = await provider.check({} as HostnameCertificateInputs, news);
            const failures = result.failures ?? [];
            for (const failure of failures) {
                expect(["certificate", "privateKey"]).toContain(failure.property);
                expect(failure.reason.startsWith(`${failure.property} `)).toBe(true);
                for (const line of [...keyLines(pair.privateKey), ...keyLines(String(news.privateKey))]) expect(failure.reason).not.toContain(line);
            }
            if (mutation.broken) expect(failures.map((f) => f.property)).toContain(mutation.target);
            if (failures.length === 0) {
                passed++;
                expect(await acceptedByTheApi(news as unknown as Pair)).toBe(true);
            }
        }),
        { numRuns: RUNS, seed: SEED },
    );
    expect(watched.requests).toEqual([]);
    // The other half ran too: some cases passed check and the API accepted them.
    expect(passed).toBeGreaterThan(0);
    process.stdout.write(`fuzz: ${RUNS} cases, ${passed} still valid and accepted by the API, 0 requests from check\n`);
});

describe("what fuzzing found: certificates node parses but that cannot be used", () => {
    /** The fixture's certificate with its DER edited by `edit`. */
    async function edited(edit: (der: Buffer) => void) {
        const made = await makeCertificate({ keyType: "ec" });
        const der = Buffer.from(new X509Certificate(made.certificate).raw);
        edit(der);
        const certificate = block("CERTIFICATE", der.toString("base64").match(/.{1,64}/g)!);
        return provider.check({} as HostnameCertificateInputs, { zoneId: ZONE, certificate, privateKey: made.privateKey });
    }

    test.each([
        ["a damaged public key algorithm (reading the key threw)", (der: Buffer) => void (der[der.indexOf(Buffer.from("06072a8648ce3d0201", "hex")) + 8] = 0x05), /^certificate block 1 is not a valid X\.509 certificate/],
        ["a validity date that is not a date (check let it through)", (der: Buffer) => void (der[der.indexOf(Buffer.from([0x17, 0x0d])) + 2] = 0x41), /^certificate block 1 is not a valid X\.509 certificate/],
        ["a negative serial number (the API failed on it)", (der: Buffer) => void (der[15] ^= 0x80), /^certificate block 1 has a negative serial number, which RFC 5280 forbids/],
    ])("%s: a check failure on certificate", async (_name, edit, reason) => {
        const result = await edited(edit);
        expect(result.failures).toEqual([{ property: "certificate", reason: expect.stringMatching(reason) }]);
        expect(watched.requests).toEqual([]);
    });
});
