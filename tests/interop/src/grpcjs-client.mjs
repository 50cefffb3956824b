// @grpc/grpc-js (the reference Node gRPC implementation) as a client of a Lifecycle.Grpc server.
// Usage: node src/grpcjs-client.mjs http://127.0.0.1:PORT [scenario ...]
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import grpc from "@grpc/grpc-js";
import { grpcJsTarget, loadGrpcJsServices } from "./contracts.mjs";
import { collect, expectFailure, readAll, unary } from "./grpcjs-calls.mjs";
import { badRequestTypeUrl, decodeBadRequest, decodeStatus } from "./rich-error.mjs";
import { runScenarios } from "./scenario-runner.mjs";

const { EchoService, ProbeService } = loadGrpcJsServices();
const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));

const scenarios = {
  async unary({ echo }) {
    const { response } = await unary(echo, "Echo", { text: "hello from grpc-js", payload: everyByte });
    assert.equal(response.text, "hello from grpc-js");
    assert.deepEqual(response.payload, everyByte);
  },

  async "server-streaming"({ echo }) {
    const { messages } = await readAll(echo.Expand({ text: "tick", count: 3 }));
    assert.deepEqual(messages.map((m) => m.text), ["tick-1", "tick-2", "tick-3"]);
  },

  async "client-streaming"({ echo }) {
    const requests = ["a", "b", "c"].map((text, i) => ({ text, payload: Buffer.from([i, 255 - i]) }));
    const { response } = await collect(echo, "Collect", requests);
    assert.equal(response.text, "abc");
    assert.deepEqual(response.payload, Buffer.from([0, 255, 1, 254, 2, 253]));
  },

  async "bidi-streaming"({ echo }) {
    // Ping-pong: each answer must arrive before the next request is written, proving full duplex.
    const call = echo.Chat();
    const answers = call[Symbol.asyncIterator]();
    for (const text of ["ping", "pong", "again"]) {
      call.write({ text });
      const { value, done } = await answers.next();
      assert.equal(done, false, `the stream ended before answering "${text}"`);
      assert.equal(value.text, text);
    }
    call.end();
    assert.equal((await answers.next()).done, true);
  },

  async deadline({ echo }) {
    const error = await expectFailure(
      unary(echo, "Echo", { text: "slow", delayMs: 60_000 }, { options: { deadline: Date.now() + 300 } }),
    );
    assert.equal(error.code, grpc.status.DEADLINE_EXCEEDED);
    const { response } = await unary(echo, "Echo", { text: "after the deadline" });
    assert.equal(response.text, "after the deadline");
  },

  async cancellation({ probe }) {
    const ticket = randomUUID();
    const error = await expectFailure(
      unary(probe, "Hang", { ticket }, {
        // The handler sends headers when it starts; cancelling only then makes the test about the server.
        onCall: (call) => call.on("metadata", () => call.cancel()),
      }),
    );
    assert.equal(error.code, grpc.status.CANCELLED);
    const { response } = await unary(probe, "AwaitCancellation", { ticket }, { options: { deadline: Date.now() + 15_000 } });
    assert.equal(response.observed, true);
  },

  async metadata({ echo }) {
    const binary = Buffer.from([0, 255, 1, 254, 10, 13, 0x80]);
    const metadata = new grpc.Metadata();
    metadata.add("x-echo-text", "plain value");
    metadata.add("x-echo-blob-bin", binary);
    const { headers, trailers } = await unary(echo, "Echo", { text: "m" }, { metadata });
    for (const [where, received] of [["headers", headers], ["trailers", trailers]]) {
      assert.deepEqual(received.get("x-echo-text"), ["plain value"], `x-echo-text in ${where}`);
      assert.deepEqual(received.get("x-echo-blob-bin"), [binary], `x-echo-blob-bin in ${where}`);
    }

    const streamed = await readAll(echo.Expand({ text: "s", count: 1 }, metadata));
    assert.deepEqual(streamed.headers.get("x-echo-blob-bin"), [binary], "x-echo-blob-bin in streaming headers");
    assert.deepEqual(streamed.trailers.get("x-echo-text"), ["plain value"], "x-echo-text in streaming trailers");
  },

  async "status-code"({ echo }) {
    const error = await expectFailure(unary(echo, "Echo", { text: "nothing here", failWithCode: grpc.status.NOT_FOUND }));
    assert.equal(error.code, grpc.status.NOT_FOUND);
    assert.equal(error.details, "Failed as asked: nothing here");

    const call = echo.Chat();
    const failing = readAll(call);
    call.write({ text: "fine" });
    call.write({ text: "busy", failWithCode: grpc.status.RESOURCE_EXHAUSTED });
    call.end();
    const streamError = await expectFailure(failing);
    assert.equal(streamError.code, grpc.status.RESOURCE_EXHAUSTED);
    assert.equal(streamError.details, "Failed as asked: busy");
  },

  async "status-details"({ probe }) {
    const error = await expectFailure(unary(probe, "Validate", { email: "", displayName: "" }));
    assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
    const [detailsBin] = error.metadata.get("grpc-status-details-bin");
    assert.ok(detailsBin instanceof Buffer, "grpc-status-details-bin is missing from the trailers");
    const status = decodeStatus(detailsBin);
    assert.equal(status.code, grpc.status.INVALID_ARGUMENT);
    assert.equal(status.message, error.details);
    assert.equal(status.details.length, 1);
    assert.equal(status.details[0].typeUrl, badRequestTypeUrl);
    const violations = decodeBadRequest(status.details[0].value);
    assert.deepEqual(violations.map((v) => v.field), ["email", "display_name"]);
    assert.ok(violations.every((v) => v.description.length > 0), "every violation has a description");

    const { response } = await unary(probe, "Validate", { email: "ada@example.com", displayName: "Ada" });
    assert.equal(response.greeting, "Hello Ada");
  },

  async gzip({ gzipEcho }) {
    // Repetitive content compresses well, so a broken inflate on either side cannot go unnoticed.
    const text = "lifecycle ".repeat(20_000);
    const payload = Buffer.alloc(100_000, 7);
    const { response } = await unary(gzipEcho, "Echo", { text, payload });
    assert.equal(response.text, text);
    assert.deepEqual(response.payload, payload);

    const collected = await collect(gzipEcho, "Collect", [{ text: "zipped-" }, { text: text.slice(0, 1000) }]);
    assert.equal(collected.response.text, `zipped-${text.slice(0, 1000)}`);
  },
};

await runScenarios("grpc-js", scenarios, {
  setUp(address) {
    const target = grpcJsTarget(address);
    const insecure = grpc.credentials.createInsecure();
    return {
      echo: new EchoService(target, insecure),
      probe: new ProbeService(target, insecure),
      // 2 = gzip in grpc-js's CompressionAlgorithms: every request message is sent compressed.
      gzipEcho: new EchoService(target, insecure, { "grpc.default_compression_algorithm": 2 }),
    };
  },
  tearDown(clients) {
    for (const client of Object.values(clients)) client.close();
  },
});
