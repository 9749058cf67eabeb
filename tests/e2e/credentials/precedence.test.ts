/**
 * Through the real CLI: one credential precedence (a complete set from stack
 * config wins over the environment), a token with a line break refused at once without a request,
 * and plain http:// accepted only to this machine unless allowed explicitly.
 */
import { networkInterfaces } from "node:os";
import { DEFAULT_API_KEY } from "../../../emulator";
import { CertificateStack, entry } from "../certificateStack";
import { show } from "../../support/transcript";

jest.setTimeout(300_000);

/** Well-formed (40 characters) but not accepted by the emulator: using it would be answered 403. */
const WRONG_TOKEN = "wrongtoken0123456789abcdef0123456789abcd";

/** An address of this machine that is not loopback (the emulator listens on every interface). */
function nonLoopbackHost(): string {
    const address = Object.values(networkInterfaces())
        .flat()
        .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    // Without a network interface, the IPv4-mapped form of 127.0.0.1 still reaches the emulator while
    // not being one of the loopback spellings the provider trusts.
    return address ?? "[::ffff:127.0.0.1]";
}

let stack: CertificateStack;
let loopbackUrl: string;
let api: Awaited<ReturnType<typeof entry>>;
beforeAll(async () => {
    stack = await CertificateStack.start({ emulator: { host: "0.0.0.0" }, env: { CLOUDFLARE_API_TOKEN: WRONG_TOKEN } });
    // The emulator listens on every interface; the stack reaches it on loopback unless a test says otherwise.
    loopbackUrl = `http://127.0.0.1:${stack.emulator.port}/client/v4`;
    stack.workspace.env.CLOUDFLARE_BASE_URL = loopbackUrl;
});
afterAll(async () => stack?.dispose());

test("stack config apiKey + email wins over CLOUDFLARE_API_TOKEN in the environment", async () => {
    await stack.workspace.setConfig("cloudflare:apiKey", DEFAULT_API_KEY.key, { secret: true });
    await stack.workspace.setConfig("cloudflare:email", DEFAULT_API_KEY.email);
    api = await entry("api");
    stack.write([api]);
    const up = await stack.workspace.up();
    show("CLOUDFLARE_API_TOKEN=<another token> pulumi up   # stack config has cloudflare:apiKey + cloudflare:email", up);
    expect(up.code).toBe(0);
    expect(stack.emulator.requests.every((r) => r.status !== 403)).toBe(true);
    expect(stack.live()).toHaveLength(1);
});

test("a token with a line break is refused at once, naming the setting, with no request", async () => {
    await stack.workspace.setConfig("cloudflare:apiToken", "local-emulator-\ntoken", { secret: true });
    stack.write([api, await entry("web")]);
    const before = stack.emulator.requests.length;
    const started = Date.now();
    const up = await stack.workspace.up();
    const elapsed = Date.now() - started;
    show("pulumi up   # cloudflare:apiToken holds a line break", up);
    expect(up.code).not.toBe(0);
    expect(up.output).toContain("cloudflare:apiToken contains whitespace (a space or a line break), which no request can carry");
    expect(up.output).not.toMatch(/Could not reach Cloudflare|retry \d/);
    expect(stack.emulator.requests.length).toBe(before);
    process.stdout.write(`up with a line break in the token failed after ${elapsed} ms\n`);
    await stack.workspace.mustRun(["config", "rm", "cloudflare:apiToken"]);
});

test("plain http:// to another host is refused unless CLOUDFLARE_ALLOW_INSECURE_HTTP=1", async () => {
    const remote = `http://${nonLoopbackHost()}:${stack.emulator.port}/client/v4`;
    const before = stack.emulator.requests.length;
    const refused = await stack.workspace.up([], { CLOUDFLARE_BASE_URL: remote });
    show(`CLOUDFLARE_BASE_URL=${remote} pulumi up`, refused);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toMatch(/is plain http:\/\/ to \S+, which would send the credentials unencrypted: use https:\/\//);
    expect(stack.emulator.requests.length).toBe(before);

    const allowed = await stack.workspace.up([], { CLOUDFLARE_BASE_URL: remote, CLOUDFLARE_ALLOW_INSECURE_HTTP: "1" });
    show(`CLOUDFLARE_BASE_URL=${remote} CLOUDFLARE_ALLOW_INSECURE_HTTP=1 pulumi up`, allowed);
    expect(allowed.code).toBe(0);
    expect(allowed.output).toMatch(/Cloudflare credentials go unencrypted to \S+ \(plain http:\/\/, allowed by cloudflare:allowInsecureHttp\)/);
    expect(stack.live()).toHaveLength(2);
    expect((await stack.workspace.destroy()).code).toBe(0);
    expect(stack.live()).toEqual([]);
});
