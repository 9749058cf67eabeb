import { progressLine, shortId, stderrReporter } from "../../../provider/shared/progress";
import { fakeClock } from "../fakeClock";

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
        expect(progressLine("2458ce5a-0c35-4c7f-82c7-8e9487d3ff60", "pending_deployment", 12_300)).toBe(
            "HostnameCertificate 2458ce5a…: pending_deployment (12s elapsed)",
        );
        expect(shortId("abc")).toBe("abc");
    });
});
