import { describe, expect, it } from "vitest";
import { MadeOnce } from "./made-once.js";

describe("what is made from a kept value", () => {
  it("is made once per value and key, anew for another value or key", () => {
    const made = new MadeOnce<object>(2);
    let calls = 0;
    const make = (text: string) => () => ((calls += 1), text);
    const kept = {};
    expect(made.get(kept, "sv", make("a"))).toBe("a");
    expect(made.get(kept, "sv", make("b"))).toBe("a");
    expect(calls).toBe(1);
    expect(made.get(kept, "en", make("c"))).toBe("c");
    expect(made.get({}, "sv", make("d"))).toBe("d");
    expect(calls).toBe(3);
  });

  it("makes a value's texts anew once it has more keys than it keeps", () => {
    const made = new MadeOnce<object>(2);
    const kept = {};
    made.get(kept, "one", () => "1");
    made.get(kept, "two", () => "2");
    made.get(kept, "three", () => "3");
    expect(made.get(kept, "one", () => "1 again")).toBe("1 again");
  });

  it("lets go of everything it made once what it made would pass its budget, and makes it anew", () => {
    const made = new MadeOnce<object>(32, 10);
    const first = {};
    const second = {};
    expect(made.get(first, "sv", () => "123456")).toBe("123456");
    expect(made.get(first, "sv", () => "again")).toBe("123456");
    expect(made.get(second, "sv", () => "abcdef")).toBe("abcdef");
    expect(made.get(second, "sv", () => "again")).toBe("abcdef");
    expect(made.get(first, "sv", () => "654321")).toBe("654321");
  });
});
