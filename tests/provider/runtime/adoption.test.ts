import { mayAdopt, mayAdoptHostname, parseAdoption } from "../../../provider/runtime/adoption";

const ID = "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60";
const OTHER = "9b0e4c1f-0c35-4c7f-82c7-8e9487d3ff60";

describe("the recovery switch", () => {
    test("off unless set: unset, empty and false adopt nothing", () => {
        for (const value of [undefined, "", " ", "false", "FALSE"]) expect(mayAdopt(parseAdoption(value), ID)).toBe(false);
    });

    test("true adopts any identical certificate; ids adopt exactly those", () => {
        expect(mayAdopt(parseAdoption("true"), ID)).toBe(true);
        const ids = parseAdoption(` ${ID.toUpperCase()} , ${OTHER}`);
        expect(mayAdopt(ids, ID)).toBe(true);
        expect(mayAdopt(ids, OTHER)).toBe(true);
        expect(mayAdopt(parseAdoption(ID), OTHER)).toBe(false);
    });

    test("hostnames name the associations to adopt; true adopts any, ids adopt none", () => {
        const named = parseAdoption(`${ID}, App.Example.com,*.example.com`);
        expect(mayAdoptHostname(named, "app.example.com")).toBe(true);
        expect(mayAdoptHostname(named, "*.example.com")).toBe(true);
        expect(mayAdoptHostname(named, "www.example.com")).toBe(false);
        expect(mayAdopt(named, ID)).toBe(true);
        expect(mayAdopt(parseAdoption("app.example.com"), ID)).toBe(false);
        expect(mayAdoptHostname(parseAdoption(ID), "app.example.com")).toBe(false);
        expect(mayAdoptHostname(parseAdoption("true"), "app.example.com")).toBe(true);
        expect(mayAdoptHostname(parseAdoption(undefined), "app.example.com")).toBe(false);
    });

    test("anything else is refused, naming the setting", () => {
        for (const value of ["yes", "1", `${ID},nope`, ",", "app.example.com/x", "-app.example.com"]) {
            expect(() => parseAdoption(value)).toThrow(/^cloudflare:adoptExisting \(or CLOUDFLARE_ADOPT_EXISTING\) must be "true" or certificate ids/);
        }
    });
});
