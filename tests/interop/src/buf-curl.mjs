// `buf curl` (Buf's CLI, a Go gRPC client) against a Lifecycle.Grpc server, with no .proto files: every schema
// comes from the server's reflection service.
// Usage: node src/buf-curl.mjs http://127.0.0.1:PORT [scenario ...]
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { bufBinary, echoServiceName } from "./contracts.mjs";
import { runScenarios } from "./scenario-runner.mjs";

/** Runs buf curl over h2c prior knowledge → { status, stdout, stderr }. */
function bufCurl(...args) {
  const result = spawnSync(bufBinary, ["curl", "--protocol", "grpc", "--http2-prior-knowledge", ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function bufCurlOk(...args) {
  const result = bufCurl(...args);
  assert.equal(result.status, 0, `buf curl ${args.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

/** buf curl prints each response message as its own JSON document; split them. */
function jsonDocuments(text) {
  const documents = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
    } else if (c === "{") {
      if (depth++ === 0) start = i;
    } else if (c === "}" && --depth === 0) {
      documents.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return documents;
}

const scenarios = {
  async "list-methods"({ address }) {
    const methods = bufCurlOk("--list-methods", address).split("\n").filter(Boolean);
    for (const method of ["Echo", "Expand", "Collect", "Chat"]) {
      assert.ok(methods.includes(`${echoServiceName}/${method}`), `${method} missing from: ${methods.join(", ")}`);
    }
  },

  async unary({ address }) {
    // payload is bytes: proto3 JSON carries it as base64 ("AAH/" = 00 01 ff).
    const output = bufCurlOk("-d", JSON.stringify({ text: "hi", payload: "AAH/" }), `${address}/${echoServiceName}/Echo`);
    assert.deepEqual(jsonDocuments(output), [{ text: "hi", payload: "AAH/" }]);
  },

  async "server-streaming"({ address }) {
    const output = bufCurlOk("-d", JSON.stringify({ text: "buf", count: 3 }), `${address}/${echoServiceName}/Expand`);
    assert.deepEqual(jsonDocuments(output).map((m) => m.text), ["buf-1", "buf-2", "buf-3"]);
  },

  async "error-status"({ address }) {
    const result = bufCurl("-d", JSON.stringify({ text: "absent", failWithCode: 5 }), `${address}/${echoServiceName}/Echo`);
    assert.notEqual(result.status, 0, "buf curl succeeded on a call that fails");
    const [error] = jsonDocuments(result.stderr);
    assert.equal(error?.code, "not_found", `stderr was:\n${result.stderr}`);
    assert.equal(error.message, "Failed as asked: absent");
  },
};

await runScenarios("buf-curl", scenarios);
