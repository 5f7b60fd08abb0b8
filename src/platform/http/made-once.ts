/**
 * What a route makes from a kept value (a catalogue's list, a kept search or shortlist):
 * its rendering or its JSON, made once per value and key. A kept value is the same object
 * until what it was read from changes (`Catalogue`), so what was made from it stays true
 * for as long as it is served; a dropped value takes what was made from it along (a
 * WeakMap). The key names whatever else the text depends on (the language, the reader's
 * rights or token); past `keysPerValue` keys, a value's texts are made anew.
 */
export class MadeOnce<T extends object> {
  private readonly made = new WeakMap<T, Map<string, string>>();

  constructor(private readonly keysPerValue = 32) {}

  get(value: T, key: string, make: () => string): string {
    let texts = this.made.get(value);
    if (texts === undefined) {
      texts = new Map();
      this.made.set(value, texts);
    }
    let text = texts.get(key);
    if (text === undefined) {
      text = make();
      if (texts.size >= this.keysPerValue) {
        texts.clear();
      }
      texts.set(key, text);
    }
    return text;
  }
}
