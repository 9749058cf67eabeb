import { durationProblem, formatElapsed, parseDuration, timeoutMs } from "../../../provider/core/duration";

describe("durations", () => {
    test("parses numbers with units", () => {
        expect(parseDuration("90s")).toBe(90_000);
        expect(parseDuration("5m")).toBe(300_000);
        expect(parseDuration("1.5h")).toBe(5_400_000);
        expect(parseDuration(" 2 minutes ")).toBe(120_000);
    });

    test("refuses bare numbers, junk and out-of-range values", () => {
        for (const bad of ["600", "soon", "", "500ms", "25h", "-1m", "1m30s"]) expect(parseDuration(bad)).toBeUndefined();
        expect(durationProblem("600")).toMatch(/"600" is not a duration/);
        expect(durationProblem(5)).toMatch(/must be a duration string/);
        expect(durationProblem("5m")).toBeUndefined();
    });

    test("defaults apply when unset", () => {
        expect(timeoutMs(undefined, "10m")).toBe(600_000);
        expect(timeoutMs("30s", "10m")).toBe(30_000);
    });

    test("elapsed time reads short", () => {
        expect(formatElapsed(850)).toBe("850ms");
        expect(formatElapsed(12_400)).toBe("12s");
        expect(formatElapsed(123_000)).toBe("2m03s");
    });
});
