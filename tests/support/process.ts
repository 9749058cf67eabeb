/**
 * Running a command out of process, the way a user's shell or CI would, with an environment the test
 * spells out: nothing from the developer's shell reaches a command unless the test passes it on.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");
/** Where setup puts node, npm and pulumi (`npm run setup`). */
export const TOOLCHAIN_BIN = path.join(REPO_ROOT, ".toolchain", "bin");

export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
    /** stdout and stderr together, in arrival order. */
    output: string;
}

/** `env` without its undefined entries, as `spawn` takes it. */
export function definedEnv(env: Record<string, string | undefined>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(env)) {
        if (value !== undefined) out[key] = value;
    }
    return out;
}

/** The environment for npm: this process's, minus the npm_* variables an outer `npm test` sets (its prefix, its package). */
export function npmEnv(): Record<string, string> {
    return definedEnv(Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))));
}

/** A failed command's name, exit code and output, for an error message. */
export function explain(what: string, result: RunResult): string {
    return `${what} exited ${result.code}:\n${result.output}`;
}

/** Runs `command` in `cwd` with exactly `env`; never throws on a non-zero exit, kills it after `timeoutMs`. */
export function runProcess(
    command: string,
    args: string[],
    cwd: string,
    env: Record<string, string>,
    timeoutMs: number,
    input?: string,
): Promise<RunResult> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
        if (input !== undefined) child.stdin!.end(input);
        let stdout = "";
        let stderr = "";
        let output = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            stdout += chunk;
            output += chunk;
        });
        child.stderr!.on("data", (chunk: Buffer) => {
            stderr += chunk;
            output += chunk;
        });
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.on("error", reject);
        child.on("close", (code, signal) => {
            clearTimeout(timer);
            resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, output });
        });
    });
}
