// `buf lint` and `buf breaking` over our contracts, with protos/buf.yaml's rules.
// Usage: node src/buf-lint.mjs [scenario ...]
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bufBinary, interopRoot, protoRoots, repoRoot } from "./contracts.mjs";
import { runScenarios } from "./scenario-runner.mjs";

const productRoot = path.join(repoRoot, "protos");
const productConfig = path.join(productRoot, "buf.yaml");
const testKitConfig = path.join(interopRoot, "buf.testkit.yaml");

/** Runs buf in `cwd` (a module root: buf resolves a --config module to the working directory). */
function buf(cwd, ...args) {
  const result = spawnSync(bufBinary, args, { cwd, encoding: "utf8", timeout: 60_000 });
  if (result.error) throw result.error;
  return result;
}

function assertClean(result, what) {
  assert.equal(result.status, 0, `${what} failed:\n${result.stdout}${result.stderr}`);
}

/** Rule ids buf reported with --error-format json (one JSON object per line). */
function ruleIds(output) {
  return output.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line).type);
}

function hasProtoFiles(directory) {
  return readdirSync(directory, { recursive: true }).some((name) => String(name).endsWith(".proto"));
}

function withTemporaryDirectory(work) {
  const directory = mkdtempSync(path.join(tmpdir(), "lifecycle-buf-"));
  try {
    return work(directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const scenarios = {
  async "product-contracts"() {
    // protos/ may hold no contract yet, and buf refuses an empty module; its rules still run on the probe
    // contract below, which is laid out like a product contract.
    if (hasProtoFiles(productRoot)) assertClean(buf(productRoot, "lint"), "buf lint protos");
    assertClean(buf(protoRoots.probe, "lint", "--config", productConfig), "buf lint of the probe contract with protos/buf.yaml");
  },

  async "rules-enforced"() {
    withTemporaryDirectory((directory) => {
      writeFileSync(path.join(directory, "sloppy.proto"), 'syntax = "proto3";\npackage sloppy;\nmessage sloppy_thing { string Name = 1; }\n');
      const result = buf(directory, "lint", "--config", productConfig, "--error-format", "json");
      assert.notEqual(result.status, 0, "a contract breaking STANDARD rules passed lint");
      const rules = ruleIds(result.stdout);
      for (const rule of ["PACKAGE_VERSION_SUFFIX", "MESSAGE_PASCAL_CASE", "FIELD_LOWER_SNAKE_CASE"]) {
        assert.ok(rules.includes(rule), `${rule} not reported; got ${rules.join(", ")}`);
      }
    });
  },

  async "test-contracts"() {
    assertClean(buf(protoRoots.echo, "lint", "--config", testKitConfig), "buf lint of the echo test contract");
  },

  async "breaking-detected"() {
    withTemporaryDirectory((directory) => {
      const before = path.join(directory, "before");
      const after = path.join(directory, "after");
      cpSync(protoRoots.probe, before, { recursive: true });
      cpSync(protoRoots.probe, after, { recursive: true });
      const probe = path.join("lifecycle", "interop", "v1", "probe.proto");
      assertClean(buf(after, "breaking", "--config", productConfig, "--against", before, "--against-config", productConfig), "buf breaking of an unchanged contract");

      const edited = readFileSync(path.join(after, probe), "utf8").replace("  string display_name = 2;\n", "");
      writeFileSync(path.join(after, probe), edited);
      const result = buf(after, "breaking", "--config", productConfig, "--against", before, "--against-config", productConfig, "--error-format", "json");
      assert.notEqual(result.status, 0, "deleting a field was not reported as breaking");
      assert.ok(ruleIds(result.stdout).includes("FIELD_NO_DELETE"), `FIELD_NO_DELETE not reported:\n${result.stdout}${result.stderr}`);
    });
  },
};

await runScenarios("buf", scenarios, { withoutAddress: true });
