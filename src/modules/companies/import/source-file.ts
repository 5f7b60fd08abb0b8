import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import yauzl from "yauzl";

/**
 * Opens an import file, zipped or plain, as a byte stream of the data inside it, and
 * says how far through the file a reader is (for the progress bar). A zip holds one
 * text file; the largest entry is taken.
 */
export interface SourceFile {
  stream: Readable;
  /** Size on disk; `position()` counts towards it. */
  size: number;
  position: () => number;
  zipped: boolean;
  close: () => void;
}

export async function openSourceFile(path: string): Promise<SourceFile> {
  const size = (await stat(path)).size;
  const handle = await open(path, "r");
  const magic = Buffer.alloc(4);
  await handle.read(magic, 0, 4, 0);
  await handle.close();
  if (magic.readUInt32LE(0) !== 0x04034b50) {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    return { stream, size, position: () => stream.bytesRead, zipped: false, close: () => stream.destroy() };
  }
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(path, { lazyEntries: false, autoClose: false }, (error, file) => (error ? reject(error) : resolve(file))));
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith("/")) {
        entries.push(entry);
      }
    });
    zip.on("end", resolve);
    zip.on("error", reject);
  });
  const entry = entries.sort((a, b) => b.compressedSize - a.compressedSize)[0];
  if (!entry) {
    zip.close();
    throw new Error("The zip file holds no file.");
  }
  const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (error, readable) => (error ? reject(error) : resolve(readable))));
  let read = 0;
  stream.on("data", (chunk: Buffer) => {
    read += chunk.length;
  });
  // Progress in compressed bytes: the share of the uncompressed entry read, scaled.
  return { stream, size, position: () => Math.round((read / Math.max(entry.uncompressedSize, 1)) * size), zipped: true, close: () => (stream.destroy(), zip.close()) };
}

export type TextEncoding = "utf-8" | "windows-1252";

/**
 * UTF-8 (with or without a byte-order mark) unless the first megabyte is not valid
 * UTF-8; then Latin-1, read as Windows-1252 (its superset, as WHATWG decoders do).
 */
export function detectEncoding(sample: Buffer): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) {
    return "utf-8";
  }
  // A sample cut in the middle of a character is still UTF-8: drop up to three trailing bytes.
  for (let cut = 0; cut <= 3 && cut < sample.length; cut += 1) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, sample.length - cut));
      return "utf-8";
    } catch {
      // try a shorter sample
    }
  }
  return "windows-1252";
}

export interface Line {
  number: number;
  text: string;
}

/**
 * The lines of a byte stream, decoded, without their line endings (LF or CRLF), with
 * line numbers from 1. Stray NUL bytes are dropped: some bulk files carry them.
 */
export async function* readLines(stream: Readable, onEncoding: (encoding: TextEncoding) => void = () => {}): AsyncGenerator<Line, void, undefined> {
  let decoder: TextDecoder | undefined;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let rest = "";
  let number = 0;
  const decodeChunk = function* (text: string): Generator<Line> {
    const parts = (rest + text).split("\n");
    rest = parts.pop()!;
    for (const part of parts) {
      number += 1;
      yield { number, text: clean(part) };
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (!decoder) {
      pending.push(chunk);
      pendingSize += chunk.length;
      if (pendingSize < 1 << 20) {
        continue;
      }
      const sample = Buffer.concat(pending);
      decoder = decoderFor(sample, onEncoding);
      pending = [];
      yield* decodeChunk(decoder.decode(sample, { stream: true }));
      continue;
    }
    yield* decodeChunk(decoder.decode(chunk, { stream: true }));
  }
  if (!decoder) {
    const sample = Buffer.concat(pending);
    decoder = decoderFor(sample, onEncoding);
    yield* decodeChunk(decoder.decode(sample, { stream: true }));
  }
  yield* decodeChunk(decoder.decode());
  if (rest !== "") {
    number += 1;
    yield { number, text: clean(rest) };
  }
}

function decoderFor(sample: Buffer, onEncoding: (encoding: TextEncoding) => void): TextDecoder {
  const encoding = detectEncoding(sample);
  onEncoding(encoding);
  return new TextDecoder(encoding);
}

function clean(line: string): string {
  const withoutCr = line.endsWith("\r") ? line.slice(0, -1) : line;
  return withoutCr.includes("\u0000") ? withoutCr.replaceAll("\u0000", "") : withoutCr;
}
