/** Write batches on simulated time: what one window collects goes out together, in order, each entry with its own outcome. */
import { Batches, type Settled } from "../../../provider/runtime/batcher";
import { SimulatedTime } from "../simulatedTime";

interface Sent {
    at: number;
    entries: string[];
}

function setup(outcome: (entry: string) => Settled<string> = (e) => ({ value: `${e}!` })) {
    const time = new SimulatedTime(0);
    const sent: Sent[] = [];
    const batches = new Batches();
    const send = async (entries: string[]) => {
        sent.push({ at: time.now, entries });
        await time.clock.sleep(50); // the request's latency
        return entries.map(outcome);
    };
    const submit = (entry: string, at = 0, key = "zone") =>
        time.clock.sleep(at).then(() =>
            batches.submit(key, entry, { windowMs: 200, sleep: time.clock.sleep, conflicts: (a, b) => a[0] === b[0], send }).then(
                (value) => ({ entry, value, at: time.now }),
                (error: Error) => ({ entry, error: error.message, at: time.now }),
            ),
        );
    return { time, sent, submit };
}

test("entries submitted within the window go out as one batch, in order, each with its own result", async () => {
    const { time, sent, submit } = setup();
    const all = Promise.all([submit("a1", 0), submit("b1", 0), submit("c1", 0), submit("d1", 150), submit("e1", 250)]);
    await time.run();
    const [a, b, c, d, e] = await all;
    expect(sent).toEqual([
        { at: 200, entries: ["a1", "b1", "c1", "d1"] },
        { at: 450, entries: ["e1"] },
    ]);
    expect([a, b, c, d, e].map((r) => ("value" in r ? r.value : r.error))).toEqual(["a1!", "b1!", "c1!", "d1!", "e1!"]);
    expect(d.at).toBe(250);
});

test("an entry that conflicts with one waiting opens the next batch, which is sent after the first", async () => {
    const { time, sent, submit } = setup();
    const all = Promise.all([submit("a1"), submit("b1"), submit("a2", 100), submit("c1", 120)]);
    await time.run();
    await all;
    expect(sent).toEqual([
        { at: 200, entries: ["a1", "b1"] },
        { at: 300, entries: ["a2", "c1"] },
    ]);
});

test("a batch whose send fails fails its own entries only; one entry's refusal is that entry's alone", async () => {
    const { time, sent, submit } = setup((e) => (e === "b1" ? { error: new Error("refused b1") } : { value: e }));
    const all = Promise.all([submit("a1"), submit("b1"), submit("c1")]);
    await time.run();
    expect(await all).toEqual([
        { entry: "a1", value: "a1", at: 250 },
        { entry: "b1", error: "refused b1", at: 250 },
        { entry: "c1", value: "c1", at: 250 },
    ]);
    expect(sent).toHaveLength(1);
});

test("a send that throws fails every entry of its batch, and the next batch still goes out", async () => {
    const time = new SimulatedTime(0);
    const batches = new Batches();
    let calls = 0;
    const send = async (entries: string[]) => {
        if (++calls === 1) throw new Error("connection refused");
        return entries.map((e) => ({ value: e }));
    };
    const submit = (entry: string, at: number) =>
        time.clock.sleep(at).then(() => batches.submit("zone", entry, { windowMs: 200, sleep: time.clock.sleep, send }).catch((error: Error) => error.message));
    const all = Promise.all([submit("a", 0), submit("b", 0), submit("c", 300)]);
    await time.run();
    expect(await all).toEqual(["connection refused", "connection refused", "c"]);
});

test("keys do not share batches", async () => {
    const { time, sent, submit } = setup();
    const all = Promise.all([submit("a1", 0, "zone-1"), submit("b1", 0, "zone-2")]);
    await time.run();
    await all;
    expect(sent.map((s) => s.entries)).toEqual([["a1"], ["b1"]]);
});
