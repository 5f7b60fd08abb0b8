/**
 * The benchmark's SMTP sink, in its own process: a real SMTP server (smtp-server) on
 * loopback that reads each message's header for its Message-ID and counts. Prints its
 * port; answers `stats` on stdin with one JSON line, and `reset` clears the counts.
 */
import type { AddressInfo } from "node:net";
import { createInterface } from "node:readline";
import { SMTPServer } from "smtp-server";

let received = 0;
const ids = new Set<string>();
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    let head = "";
    let done = false;
    stream.on("data", (chunk: Buffer) => {
      if (!done) {
        head += chunk.toString("utf8");
        const end = head.search(/\r?\n\r?\n/);
        if (end >= 0) {
          head = head.slice(0, end);
          done = true;
        }
      }
    });
    stream.on("end", () => {
      received += 1;
      const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1];
      if (id) {
        ids.add(id);
      }
      callback();
    });
  },
});
server.on("error", () => {});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.server.address() as AddressInfo).port })}\n`);
});
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line === "reset") {
    received = 0;
    ids.clear();
  }
  process.stdout.write(`${JSON.stringify({ received, unique: ids.size })}\n`);
});
