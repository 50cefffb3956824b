// @connectrpc/connect-node with its gRPC transport (HTTP/2) as a client of a Lifecycle.Grpc server.
// Usage: node src/connect-client.mjs http://127.0.0.1:PORT [scenario ...]
import assert from "node:assert/strict";
import { Code, ConnectError, createClient, decodeBinaryHeader, encodeBinaryHeader } from "@connectrpc/connect";
import { compressionGzip, createGrpcTransport } from "@connectrpc/connect-node";
import { createAsyncQueue } from "./async-queue.mjs";
import { loadConnectServices } from "./contracts.mjs";
import { decodeBadRequest } from "./rich-error.mjs";
import { runScenarios } from "./scenario-runner.mjs";

const { EchoService, ProbeService } = loadConnectServices();
const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);

async function expectConnectError(promise) {
  try {
    await promise;
  } catch (error) {
    return ConnectError.from(error);
  }
  throw new Error("the call succeeded but a failure status was expected");
}

/** Byte-for-byte equality, whichever Uint8Array subclass (Buffer after gzip) the transport handed back. */
function assertSameBytes(actual, expected, message) {
  assert.deepEqual(Array.from(actual), Array.from(expected), message);
}

async function* fromArray(requests) {
  yield* requests;
}

const scenarios = {
  async unary({ echo }) {
    const response = await echo.echo({ text: "hello from connect", payload: everyByte });
    assert.equal(response.text, "hello from connect");
    assertSameBytes(response.payload, everyByte);
  },

  async "server-streaming"({ echo }) {
    const texts = [];
    for await (const response of echo.expand({ text: "tock", count: 4 })) texts.push(response.text);
    assert.deepEqual(texts, ["tock-1", "tock-2", "tock-3", "tock-4"]);
  },

  async "client-streaming"({ echo }) {
    const response = await echo.collect(fromArray([{ text: "x", payload: new Uint8Array([9]) }, { text: "y" }, { text: "z", payload: new Uint8Array([8]) }]));
    assert.equal(response.text, "xyz");
    assertSameBytes(response.payload, [9, 8]);
  },

  async "bidi-streaming"({ echo }) {
    const requests = createAsyncQueue();
    const answers = echo.chat(requests.iterable)[Symbol.asyncIterator]();
    for (const text of ["one", "two", "three"]) {
      requests.push({ text });
      const { value, done } = await answers.next();
      assert.equal(done, false, `the stream ended before answering "${text}"`);
      assert.equal(value.text, text);
    }
    requests.end();
    assert.equal((await answers.next()).done, true);
  },

  async deadline({ echo }) {
    const error = await expectConnectError(echo.echo({ text: "slow", delayMs: 60_000 }, { timeoutMs: 300 }));
    assert.equal(error.code, Code.DeadlineExceeded);
    assert.equal((await echo.echo({ text: "still serving" })).text, "still serving");
  },

  async metadata({ echo }) {
    const binary = new Uint8Array([0, 255, 1, 254, 10, 13, 0x80]);
    let headers;
    let trailers;
    await echo.echo({ text: "m" }, {
      headers: { "x-echo-text": "connect value", "x-echo-blob-bin": encodeBinaryHeader(binary) },
      onHeader: (received) => { headers = received; },
      onTrailer: (received) => { trailers = received; },
    });
    for (const [where, received] of [["headers", headers], ["trailers", trailers]]) {
      assert.equal(received?.get("x-echo-text"), "connect value", `x-echo-text in ${where}`);
      assertSameBytes(decodeBinaryHeader(received.get("x-echo-blob-bin") ?? ""), binary, `x-echo-blob-bin in ${where}`);
    }
  },

  async "status-code"({ echo }) {
    const error = await expectConnectError(echo.echo({ text: "no way", failWithCode: Code.PermissionDenied }));
    assert.equal(error.code, Code.PermissionDenied);
    assert.equal(error.rawMessage, "Failed as asked: no way");
  },

  async "status-details"({ probe }) {
    const error = await expectConnectError(probe.validate({ email: "", displayName: "Grace" }));
    assert.equal(error.code, Code.InvalidArgument);
    const badRequests = error.details.filter((detail) => detail.type === "google.rpc.BadRequest");
    assert.equal(badRequests.length, 1, `details seen: ${JSON.stringify(error.details.map((d) => d.type))}`);
    const violations = decodeBadRequest(badRequests[0].value);
    assert.deepEqual(violations.map((v) => v.field), ["email"]);
  },

  async gzip({ gzipEcho }) {
    const text = "retention ".repeat(20_000);
    const response = await gzipEcho.echo({ text, payload: new Uint8Array(50_000).fill(3) });
    assert.equal(response.text, text);
    assertSameBytes(response.payload, new Uint8Array(50_000).fill(3));
  },

  // Only for servers configured to compress their answers (Lifecycle.Grpc's ResponseCompressionAlgorithm).
  async "gzip-responses"({ gzipEcho }) {
    const text = "advocacy ".repeat(10_000);
    let responseEncoding;
    const texts = [];
    for await (const response of gzipEcho.expand({ text, count: 2 }, {
      onHeader: (headers) => { responseEncoding = headers.get("grpc-encoding"); },
    })) {
      texts.push(response.text);
    }
    assert.equal(responseEncoding, "gzip", "the server did not compress its answers");
    assert.deepEqual(texts, [`${text}-1`, `${text}-2`]);
  },
};

await runScenarios("connect-node", scenarios, {
  setUp(address) {
    const transport = createGrpcTransport({ baseUrl: address });
    const gzipTransport = createGrpcTransport({
      baseUrl: address,
      sendCompression: compressionGzip,
      acceptCompression: [compressionGzip],
      compressMinBytes: 0,
    });
    return {
      echo: createClient(EchoService, transport),
      probe: createClient(ProbeService, transport),
      gzipEcho: createClient(EchoService, gzipTransport),
    };
  },
});
