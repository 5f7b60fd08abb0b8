/**
 * What a route makes from a kept value (a catalogue's list, a kept search or shortlist):
 * its rendering or its JSON, made once per value and key. A kept value is the same object
 * until what it was read from changes (`Catalogue`), so what was made from it stays true
 * for as long as it is served; a dropped value takes what was made from it along (a
 * WeakMap). The key names whatever else the text depends on (the language, the reader's
 * rights or token); past `keysPerValue` keys, a value's texts are made anew.
 *
 * What is made is a string, or the bytes a page sends (`sendKeptContentPage`). Memory is
 * bounded by `budget`, in characters or bytes: once what was made since the last start
 * would pass it, everything is let go of and made anew as asked for. The count includes
 * texts whose values were dropped since, so it lets go early rather than late.
 */
export class MadeOnce<T extends object, Made extends string | Buffer = string> {
  private made = new WeakMap<T, Map<string, Made>>();
  private spent = 0;

  constructor(
    private readonly keysPerValue = 32,
    private readonly budget = 16 * 1024 * 1024,
  ) {}

  get(value: T, key: string, make: () => Made): Made {
    const kept = this.made.get(value)?.get(key);
    if (kept !== undefined) {
      return kept;
    }
    const text = make();
    if (this.spent + text.length > this.budget) {
      this.made = new WeakMap();
      this.spent = 0;
    }
    let texts = this.made.get(value);
    if (texts === undefined) {
      texts = new Map();
      this.made.set(value, texts);
    } else if (texts.size >= this.keysPerValue) {
      texts.clear();
    }
    texts.set(key, text);
    this.spent += text.length;
    return text;
  }
}
