import type { EngineLogSend, EngineSeverity } from "../../../provider/runtime/engineLog";
import { progressLine, resourceName, resourceReporter, shortId, stderrReporter } from "../../../provider/runtime/progress";
import { fakeClock } from "../fakeClock";

const URN = "urn:pulumi:dev::shop::my:index:Origin$pulumi-nodejs:dynamic/cloudflare:HostnameCertificate::api-origin";

describe("progress", () => {
    test("progress lines are throttled; log and warn lines are not", async () => {
        const clock = fakeClock();
        const lines: string[] = [];
        const reporter = stderrReporter({ minIntervalMs: 3000, now: clock.now, write: (l) => lines.push(l) });
        reporter.report("a");
        reporter.report("b");
        await clock.sleep(3000);
        reporter.report("c");
        reporter.log("d");
        reporter.warn("e");
        expect(lines).toEqual(["a\n", "c\n", "d\n", "warning: e\n"]);
    });

    test("a concise line with a short id, status and elapsed time", () => {
        expect(progressLine("2458ce5a-0c35-4c7f-82c7-8e9487d3ff60", "pending_deployment", 12_300)).toBe("certificate 2458ce5a…: pending_deployment (12s elapsed)");
        expect(shortId("abc")).toBe("abc");
    });

    test("a resource's name is the last segment of its URN, whatever its parents", () => {
        expect(resourceName(URN)).toBe("api-origin");
        expect(resourceName("urn:pulumi:dev::shop::pulumi-nodejs:dynamic/cloudflare:HostnameCertificate::a::b")).toBe("b");
    });
});

describe("resourceReporter", () => {
    type Sent = { severity: EngineSeverity; message: string; urn: string; ephemeral: boolean };
    function engine(accept = true): { send: EngineLogSend; sent: Sent[] } {
        const sent: Sent[] = [];
        const send: EngineLogSend = async (severity, message, urn, ephemeral) => {
            sent.push({ severity, message, urn, ephemeral });
            return accept;
        };
        return { send, sent };
    }

    test("with the engine and a URN, status and log lines are the row's ephemeral status and warnings are its diagnostics, in order", async () => {
        const { send, sent } = engine();
        const reporter = resourceReporter(URN, send);
        reporter.report("certificate 2458ce5a…: pending_deployment (1s elapsed)");
        reporter.log("certificate 2458ce5a…: is still deploying");
        reporter.warn("adopted");
        await reporter.flush?.();
        expect(sent).toEqual([
            { severity: "info", message: "certificate 2458ce5a…: pending_deployment (1s elapsed)", urn: URN, ephemeral: true },
            { severity: "info", message: "certificate 2458ce5a…: is still deploying", urn: URN, ephemeral: true },
            { severity: "warning", message: "adopted", urn: URN, ephemeral: false },
        ]);
    });

    test("a line the engine refuses goes to stderr, named by the resource", async () => {
        const { send } = engine(false);
        const written: string[] = [];
        const spy = jest.spyOn(process.stderr, "write").mockImplementation((line) => (written.push(String(line)), true));
        try {
            const reporter = resourceReporter(URN, send);
            reporter.warn("adopted");
            await reporter.flush?.();
        } finally {
            spy.mockRestore();
        }
        expect(written).toEqual(["warning: api-origin: adopted\n"]);
    });

    test("without an engine, lines go to stderr named by the resource; without a URN, as they are", async () => {
        const written: string[] = [];
        const spy = jest.spyOn(process.stderr, "write").mockImplementation((line) => (written.push(String(line)), true));
        try {
            resourceReporter(URN, null).log("one");
            resourceReporter(undefined, engine().send).log("two");
            resourceReporter("not a urn", null).log("three");
        } finally {
            spy.mockRestore();
        }
        expect(written).toEqual(["api-origin: one\n", "two\n", "three\n"]);
    });
});
