/**
 * The provider process ends when the Pulumi engine that started it is gone (`pulumi` killed with
 * SIGKILL, as a CI runner cancels a job): the engine starts plugins in process groups of their own,
 * so that kill does not reach this process, and with nobody left to report to, every wait would
 * go on polling and every create on uploading. Exiting stops all of it at once: no further API
 * request, no timer, no process left behind. What was uploaded by then is what the engine's state
 * keeps as a pending create (README, "Interrupted runs").
 *
 * Two signs, whichever comes first: the engine gives every plugin a stdin pipe that only it holds,
 * so its end (EOF) means the engine exited; and a new parent process id means the engine is no
 * longer the parent (where a shim `exec`s node, as ours does). Only in Pulumi's dynamic-provider
 * host: anywhere else (a program, a policy pack, tests) nothing is watched.
 */
import { fstatSync } from "node:fs";

/** How often the parent process id is compared. @default 1000 */
export const PARENT_CHECK_MS = 1_000;

/** What the watch needs from the process; injectable for tests. */
export interface WatchedProcess {
    /** The engine's pipe, when stdin is one. */
    readonly stdin?: NodeJS.ReadableStream & { unref?: () => void };
    /** The current parent process id (read each time). */
    readonly ppid: () => number;
    /** Called once, when the engine is gone. */
    readonly exit: () => void;
    /** @default PARENT_CHECK_MS */
    readonly intervalMs?: number;
}

/** True in the process that Pulumi starts for dynamic providers (`@pulumi/pulumi/cmd/dynamic-provider`). */
export function isDynamicProviderHost(argv: readonly string[] = process.argv): boolean {
    return /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]dynamic-provider([\\/]|$)/.test(argv[1] ?? "");
}

/** Watches for the engine's end; returns a function that stops watching. Never keeps the process alive. */
export function watchEngine(watched: WatchedProcess): () => void {
    let done = false;
    const gone = () => {
        if (done) return;
        done = true;
        stop();
        watched.exit();
    };
    const parent = watched.ppid();
    const timer = setInterval(() => watched.ppid() !== parent && gone(), watched.intervalMs ?? PARENT_CHECK_MS);
    timer.unref();
    watched.stdin?.on("end", gone);
    watched.stdin?.on("close", gone);
    watched.stdin?.on("error", gone);
    watched.stdin?.resume();
    watched.stdin?.unref?.();
    const stop = () => {
        clearInterval(timer);
        watched.stdin?.off("end", gone);
        watched.stdin?.off("close", gone);
        watched.stdin?.off("error", gone);
    };
    return () => {
        done = true;
        stop();
    };
}

/** stdin when it is a pipe (the engine's); a terminal or /dev/null says nothing about the engine. */
function enginePipe(): NodeJS.ReadStream | undefined {
    try {
        const stat = fstatSync(0);
        return stat.isFIFO() || stat.isSocket() ? process.stdin : undefined;
    } catch {
        return undefined;
    }
}

let started = false;

/** Starts the watch once per process, in the dynamic-provider host only. */
export function watchEngineOfThisProcess(): void {
    if (started || !isDynamicProviderHost()) return;
    started = true;
    watchEngine({ stdin: enginePipe(), ppid: () => process.ppid, exit: () => process.exit(1) });
}
