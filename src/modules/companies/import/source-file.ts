import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import yauzl from "yauzl";
import { isUtf8 } from "node:buffer";
import { AppError } from "../../../platform/errors.js";

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

/** How far a zip may unpack: a zip bomb is refused before a byte of it is read. */
export interface ZipLimits {
  /** Largest unpacked entry, in bytes. */
  maxUnpackedBytes: number;
  /** Largest ratio of unpacked to packed size; text compresses some tens of times, a bomb thousands. */
  maxRatio: number;
}

export const defaultZipLimits: ZipLimits = { maxUnpackedBytes: 16 * 1024 ** 3, maxRatio: 200 };

export class ZipRefusedError extends AppError {
  constructor(detail: string) {
    super(400, "companies.import_zip_refused", `The zip file is refused: ${detail}.`);
  }
}

export async function openSourceFile(path: string, limits: ZipLimits = defaultZipLimits): Promise<SourceFile> {
  const size = (await stat(path)).size;
  const handle = await open(path, "r");
  const magic = Buffer.alloc(4);
  await handle.read(magic, 0, 4, 0);
  await handle.close();
  if (magic.readUInt32LE(0) !== 0x04034b50) {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    return { stream, size, position: () => stream.bytesRead, zipped: false, close: () => stream.destroy() };
  }
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: false, autoClose: false }, (error, file) => (error ? reject(error) : resolve(file))),
  );
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
    throw new ZipRefusedError("it holds no file");
  }
  // yauzl also checks, while reading, that the entry unpacks to exactly the size it declares.
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > limits.maxUnpackedBytes || ratio > limits.maxRatio) {
    zip.close();
    throw new ZipRefusedError(
      entry.uncompressedSize > limits.maxUnpackedBytes
        ? `${entry.fileName} would unpack to ${entry.uncompressedSize} bytes, more than the ${limits.maxUnpackedBytes} allowed`
        : `${entry.fileName} would unpack to ${Math.round(ratio)} times its packed size, more than the ${limits.maxRatio} times a text file does`,
    );
  }
  const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (error, readable) => (error ? reject(error) : resolve(readable))));
  let read = 0;
  stream.on("data", (chunk: Buffer) => {
    read += chunk.length;
  });
  // Progress in compressed bytes: the share of the uncompressed entry read, scaled.
  return {
    stream,
    size,
    position: () => Math.round((read / Math.max(entry.uncompressedSize, 1)) * size),
    zipped: true,
    close: () => (stream.destroy(), zip.close()),
  };
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
  /** Why the line could not be read: longer than the limit, or not text in the file's encoding. */
  problem?: "line_too_long" | "invalid_encoding";
}

/** No line of a register file comes near this; a longer one is rejected, not held in memory. */
export const maxLineBytes = 64 * 1024;

/**
 * The lines of a byte stream, decoded, without their line endings (LF or CRLF), with
 * line numbers from 1. The encoding is told from the first megabyte; lines are split as
 * bytes and each decoded alone, so a line that is not valid text in that encoding, or
 * longer than `maxLineBytes`, is reported with its number (never turned silently into
 * U+FFFD, never grown without bound) and the rest is read on. Stray NUL bytes are dropped:
 * some bulk files carry them.
 */
export async function* readLines(
  stream: Readable,
  onEncoding: (encoding: TextEncoding) => void = () => {},
  lineLimit = maxLineBytes,
): AsyncGenerator<Line, void, undefined> {
  let decode: ((bytes: Buffer) => string | null) | undefined;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  let carry: Buffer[] = [];
  let carrySize = 0;
  let tooLong = false;
  let number = 0;
  const line = (bytes: Buffer): Line => {
    number += 1;
    if (tooLong) {
      return { number, text: "", problem: "line_too_long" };
    }
    const text = decode!(number === 1 ? withoutBom(bytes) : bytes);
    return text === null ? { number, text: "", problem: "invalid_encoding" } : { number, text: clean(text) };
  };
  const split = function* (chunk: Buffer): Generator<Line> {
    let start = 0;
    for (let end = chunk.indexOf(10, start); end !== -1; end = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, end);
      tooLong ||= carrySize + piece.length > lineLimit;
      yield line(carrySize > 0 && !tooLong ? Buffer.concat([...carry, piece]) : piece);
      carry = [];
      carrySize = 0;
      tooLong = false;
      start = end + 1;
    }
    const tail = chunk.subarray(start);
    if (tooLong || carrySize + tail.length > lineLimit) {
      // Past the limit: what follows until the next newline is counted, not kept.
      tooLong = true;
      carry = [];
      carrySize = 0;
    } else if (tail.length > 0) {
      carry.push(Buffer.from(tail));
      carrySize += tail.length;
    }
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (!decode) {
      pending.push(chunk);
      pendingSize += chunk.length;
      if (pendingSize < 1 << 20) {
        continue;
      }
      const sample = Buffer.concat(pending);
      decode = decoderFor(sample, onEncoding);
      pending = [];
      yield* split(sample);
      continue;
    }
    yield* split(chunk);
  }
  if (!decode) {
    const sample = Buffer.concat(pending);
    decode = decoderFor(sample, onEncoding);
    yield* split(sample);
  }
  if (carrySize > 0 || tooLong) {
    yield line(Buffer.concat(carry));
  }
}

function withoutBom(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

/** A decoder for one line: null when the bytes are not valid in the file's encoding. */
function decoderFor(sample: Buffer, onEncoding: (encoding: TextEncoding) => void): (bytes: Buffer) => string | null {
  const encoding = detectEncoding(sample);
  onEncoding(encoding);
  if (encoding === "utf-8") {
    return (bytes) => (isUtf8(bytes) ? bytes.toString("utf8") : null);
  }
  // Every byte is a character in Windows-1252 (five unassigned ones decode to C1 controls).
  const decoder = new TextDecoder("windows-1252");
  return (bytes) => decoder.decode(bytes);
}

function clean(line: string): string {
  const withoutCr = line.endsWith("\r") ? line.slice(0, -1) : line;
  return withoutCr.includes("\u0000") ? withoutCr.replaceAll("\u0000", "") : withoutCr;
}
