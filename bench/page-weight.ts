/**
 * What a first visit to a public page transfers: the page and every stylesheet and script
 * it loads, as a browser asks for them (brotli or gzip) and as a client that accepts no
 * compression gets them (the baseline of the same run).
 */
import http from "node:http";
import zlib from "node:zlib";

function fetchRaw(url: string, compressed: boolean): Promise<{ bytes: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: compressed ? { "accept-encoding": "br, gzip" } : {} }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ bytes: Buffer.concat(chunks), encoding: response.headers["content-encoding"] }));
      })
      .on("error", reject);
  });
}

function text({ bytes, encoding }: { bytes: Buffer; encoding: string | undefined }): string {
  return (encoding === "br" ? zlib.brotliDecompressSync(bytes) : encoding === "gzip" ? zlib.gunzipSync(bytes) : bytes).toString("utf8");
}

export async function measurePageWeight(address: string, path: string, budgetKb: number) {
  const sizes = { compressed: 0, plain: 0 };
  const page = await fetchRaw(`${address}${path}`, true);
  const loaded = [...text(page).matchAll(/<(?:link[^>]+href|script[^>]+src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!.replace(/&amp;/g, "&"));
  for (const url of [path, ...loaded]) {
    sizes.compressed += (await fetchRaw(`${address}${url}`, true)).bytes.length;
    sizes.plain += (await fetchRaw(`${address}${url}`, false)).bytes.length;
  }
  const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));
  return {
    page: `${path} + ${loaded.length} assets`,
    "KB on the wire": kb(sizes.compressed),
    "KB uncompressed (baseline)": kb(sizes.plain),
    "× baseline": Number((sizes.compressed / sizes.plain).toFixed(3)),
    goal: `< ${budgetKb} KB: ${sizes.compressed < budgetKb * 1024 ? "met" : "MISSED"}`,
  };
}
