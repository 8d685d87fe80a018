import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

/**
 * The largest request body the API reads, in bytes: 2 MB, room for a batch of the largest size
 * (record-batch.ts, MAX_BATCH_RECORDS) and far below yoga's default of 25 MB.
 */
export const MAX_REQUEST_BYTES = 2_000_000;

function tooLarge(limit: number): GraphQLError {
  return new GraphQLError(`Request body too large: more than ${limit} bytes`, {
    extensions: { http: { status: 413 }, code: "REQUEST_ENTITY_TOO_LARGE" },
  });
}

/** The body of a request without Content-Length, read up to `limit` bytes (413 past it). */
async function readLimited(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Limits request bodies to `limit` bytes, in place of yoga's own limit (`maxRequestBodySize:
 * false` must be set beside it). Yoga pipes every body through a TransformStream to count its
 * bytes, which cost ~40 % of a small query's time on the server (docs/benchmarks.md, B4). A valid
 * Content-Length is checked instead: Node's HTTP parser never delivers more than it announces.
 * Only a body without one (chunked) is read and counted here, then parsed as yoga would.
 * @example createYoga({ maxRequestBodySize: false, plugins: [useRequestSizeLimit()] })
 */
export function useRequestSizeLimit(limit = MAX_REQUEST_BYTES): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const length = request.headers.get("content-length");
      if (length !== null) {
        if (!/^\d+$/.test(length))
          throw new GraphQLError("Content-Length header is invalid", {
            extensions: { http: { status: 400 }, code: "BAD_REQUEST" },
          });
        if (Number(length) > limit) throw tooLarge(limit);
        return;
      }
      const body = request.body;
      if (requestParser === undefined || body === null) return;
      const parse = requestParser;
      setRequestParser(async (req) => {
        const bytes = await readLimited(body, limit);
        return parse(
          new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, body: bytes }),
        );
      });
    },
  };
}
