/** When the provider process decides the engine is gone: its stdin pipe ends, or its parent changes; and only in Pulumi's dynamic-provider host. */
import { PassThrough } from "node:stream";
import { isDynamicProviderHost, watchEngine } from "../../../provider/runtime/engineWatch";

test("the engine's pipe ending means it is gone: exit is called once", async () => {
    const stdin = new PassThrough();
    const exits: string[] = [];
    watchEngine({ stdin, ppid: () => 100, exit: () => exits.push("exit") });
    stdin.write("ignored");
    expect(exits).toEqual([]);
    stdin.end();
    await new Promise((resolve) => setImmediate(resolve));
    stdin.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual(["exit"]);
});

test("a new parent process id means the engine is gone; the same one does not", async () => {
    let parent = 100;
    const exits: number[] = [];
    const stop = watchEngine({ ppid: () => parent, exit: () => exits.push(parent), intervalMs: 10 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(exits).toEqual([]);
    parent = 1;
    for (let tries = 0; exits.length === 0 && tries < 200; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(exits).toEqual([1]);
    stop();
});

test("a stopped watch calls nothing", async () => {
    const stdin = new PassThrough();
    const exits: string[] = [];
    const stop = watchEngine({ stdin, ppid: () => 100, exit: () => exits.push("exit") });
    stop();
    stdin.end();
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([]);
});

test("only Pulumi's dynamic-provider host is watched", () => {
    expect(isDynamicProviderHost(["node", "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js", "127.0.0.1:1"])).toBe(true);
    expect(isDynamicProviderHost(["node", "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider"])).toBe(true);
    expect(isDynamicProviderHost(["node", "/p/node_modules/@pulumi/pulumi/cmd/run/index.js"])).toBe(false);
    expect(isDynamicProviderHost(["node", "/p/node_modules/jest-worker/build/processChild.js"])).toBe(false);
});
