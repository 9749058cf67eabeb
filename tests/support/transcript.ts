/** What a user sees: the command and the lines that matter of its output, printed in the test log for review. */
import type { RunResult } from "./process";

/** The `error:`/`warning:` diagnostics (with the `* reason` lines of a partial failure) and the last lines of a run, without the progress noise. */
export function transcript(command: string, result: RunResult, lastLines = 4): string {
    const lines = result.output.trim().split("\n");
    const diagnostics = lines.filter((line) => /^\s*(error|warning):|^\s+\* /.test(line)).map((line) => line.trim());
    const tail = lines.slice(-lastLines).map((line) => line.trimEnd());
    return [`$ ${command}   # exit ${result.code}`, ...new Set([...diagnostics, ...tail])].join("\n");
}

/** Prints {@link transcript} to the test log. */
export function show(command: string, result: RunResult, lastLines?: number): void {
    process.stdout.write(`${transcript(command, result, lastLines)}\n\n`);
}
