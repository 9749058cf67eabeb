/**
 * Through the real CLI: a rotated API token. `pulumi refresh` and `pulumi destroy` do not run the
 * program, so they configure the provider with the stack config recorded at the last `pulumi up`
 * and still send the old token. Their authentication error says so and names the ways that work,
 * and each way is run here: `pulumi up` first, `--run-program` (and PULUMI_RUN_PROGRAM=true), and
 * a token from the environment for a stack whose config holds none.
 */
import { CertificateStack, entry } from "../certificateStack";
import { show } from "../../support/transcript";

jest.setTimeout(300_000);

/** Seven well-formed tokens (40 characters), all accepted at first; each rotation revokes one. */
const TOKENS = Array.from({ length: 7 }, (_, i) => `rotated${i}`.padEnd(40, "x"));
const ADVICE = /If cloudflare:apiToken was changed since the last `pulumi up` \(a rotated token\): `pulumi refresh` and `pulumi destroy` use the credentials recorded at the last `pulumi up`/;

let stack: CertificateStack;
let current = 0;
beforeAll(async () => {
    stack = await CertificateStack.start({ emulator: { tokens: TOKENS }, env: { CLOUDFLARE_API_TOKEN: undefined } });
    await stack.workspace.setConfig("cloudflare:apiToken", TOKENS[0], { secret: true });
    stack.write([await entry("api")]);
});
afterAll(async () => stack?.dispose());

/** Rolls the token, as in the dashboard (the old one stops working), and sets the new one in stack config. */
async function rotate(): Promise<void> {
    stack.emulator.revokeToken(TOKENS[current]);
    current++;
    await stack.workspace.setConfig("cloudflare:apiToken", TOKENS[current], { secret: true });
}

const uploads = () => stack.emulator.requests.filter((r) => r.method === "POST").length;

test("after a rotation, refresh and destroy fail with Cloudflare's 10000, saying they use the credentials recorded at the last up and what works", async () => {
    expect((await stack.workspace.up()).code).toBe(0);
    await rotate();
    const refresh = await stack.workspace.refresh();
    show("pulumi config set --secret cloudflare:apiToken <new token>; pulumi refresh", refresh);
    expect(refresh.code).not.toBe(0);
    expect(refresh.output).toContain("403 Cloudflare error 10000 (Authentication error)");
    expect(refresh.output).toMatch(ADVICE);
    expect(refresh.output).toContain("`pulumi refresh --run-program`");
    const destroy = await stack.workspace.destroy();
    show("pulumi destroy   # after the rotation", destroy);
    expect(destroy.code).not.toBe(0);
    expect(destroy.output).toMatch(ADVICE);
    expect(destroy.output).toContain("`pulumi destroy --run-program`");
    for (const token of [TOKENS[current - 1], TOKENS[current]]) {
        expect(refresh.output).not.toContain(token);
        expect(destroy.output).not.toContain(token);
    }
    expect(await stack.stateCertificates()).toHaveLength(1);
    expect(stack.live()).toHaveLength(1);
});

test("pulumi refresh --run-program uses the token as it is now", async () => {
    const refresh = await stack.workspace.refresh(["--run-program"]);
    show("pulumi refresh --run-program", refresh);
    expect(refresh.code).toBe(0);
    expect(await stack.stateCertificates()).toHaveLength(1);
});

test("pulumi destroy --run-program uses the token as it is now", async () => {
    await rotate();
    const destroy = await stack.workspace.destroy(["--run-program"]);
    show("pulumi destroy --run-program   # after another rotation", destroy);
    expect(destroy.code).toBe(0);
    expect(stack.live()).toEqual([]);
});

test("pulumi up first records the new token without replacing anything; a plain destroy then works", async () => {
    expect((await stack.workspace.up()).code).toBe(0);
    await rotate();
    const before = uploads();
    const up = await stack.workspace.up();
    show("pulumi up   # after a rotation", up);
    expect(up.code).toBe(0);
    expect(uploads()).toBe(before);
    expect(up.output).not.toMatch(/replaced|created/);
    const destroy = await stack.workspace.destroy();
    expect(destroy.code).toBe(0);
    expect(stack.live()).toEqual([]);
});

test("PULUMI_RUN_PROGRAM=true in the environment: a plain refresh and destroy use the token as it is now", async () => {
    expect((await stack.workspace.up()).code).toBe(0);
    await rotate();
    const refresh = await stack.workspace.refresh([], { PULUMI_RUN_PROGRAM: "true" });
    show("PULUMI_RUN_PROGRAM=true pulumi refresh   # after a rotation", refresh);
    expect(refresh.code).toBe(0);
    await rotate();
    const destroy = await stack.workspace.destroy([], { PULUMI_RUN_PROGRAM: "true" });
    show("PULUMI_RUN_PROGRAM=true pulumi destroy   # after another rotation", destroy);
    expect(destroy.code).toBe(0);
    expect(stack.live()).toEqual([]);
});

test("a token in the environment, with none in stack config: destroy uses the one set now, and a refused one gets no advice about stack config", async () => {
    await stack.workspace.mustRun(["config", "rm", "cloudflare:apiToken"]);
    const first = { CLOUDFLARE_API_TOKEN: TOKENS[current] };
    expect((await stack.workspace.up([], first)).code).toBe(0);
    stack.emulator.revokeToken(TOKENS[current]);
    const refused = await stack.workspace.destroy([], first);
    expect(refused.code).not.toBe(0);
    expect(refused.output).toContain("403 Cloudflare error 10000 (Authentication error)");
    expect(refused.output).not.toMatch(ADVICE);
    const destroy = await stack.workspace.destroy([], { CLOUDFLARE_API_TOKEN: TOKENS[current + 1] });
    show("CLOUDFLARE_API_TOKEN=<new token> pulumi destroy   # stack config holds no token", destroy);
    expect(destroy.code).toBe(0);
    expect(stack.live()).toEqual([]);
});
