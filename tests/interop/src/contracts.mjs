// Where the contracts live and how each foreign client loads them. The .proto files stay the one source of
// truth: grpc-js reads them through proto-loader, Connect through a descriptor set that `buf build` makes at
// run time, so no generated code can drift from them.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import grpc from "@grpc/grpc-js";
import protoLoader from "@grpc/proto-loader";
import { create, createFileRegistry, fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";

export const interopRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = path.resolve(interopRoot, "..", "..");
export const bufBinary = path.join(interopRoot, "node_modules", ".bin", "buf");

/** Proto roots: the shared echo contract and this suite's probe contract (rich errors, cancellation). */
export const protoRoots = {
  echo: path.join(repoRoot, "tests", "Lifecycle.Grpc.Testing", "Protos"),
  probe: path.join(repoRoot, "tests", "Lifecycle.Grpc.InteropTests", "Protos"),
};

export const echoServiceName = "lifecycle.testing.v1.EchoService";
export const probeServiceName = "lifecycle.interop.v1.ProbeService";

/** grpc-js service constructors, loaded with the options that keep field names and 64-bit values exact. */
export function loadGrpcJsServices() {
  const definition = protoLoader.loadSync(
    [path.join(protoRoots.echo, "echo.proto"), path.join(protoRoots.probe, "lifecycle", "interop", "v1", "probe.proto")],
    { keepCase: false, longs: String, enums: Number, defaults: true, oneofs: true, includeDirs: [protoRoots.echo, protoRoots.probe] },
  );
  const loaded = grpc.loadPackageDefinition(definition);
  return {
    EchoService: loaded.lifecycle.testing.v1.EchoService,
    ProbeService: loaded.lifecycle.interop.v1.ProbeService,
  };
}

/** Connect service descriptors, built from the same .proto files by `buf build` (no codegen step). */
export function loadConnectServices() {
  // One set for both roots: createFileRegistry takes a single FileDescriptorSet.
  const files = [...buildDescriptorSet(protoRoots.echo).file, ...buildDescriptorSet(protoRoots.probe).file];
  const registry = createFileRegistry(create(FileDescriptorSetSchema, { file: files }));
  return {
    EchoService: registry.getService(echoServiceName),
    ProbeService: registry.getService(probeServiceName),
  };
}

function buildDescriptorSet(moduleRoot) {
  // Build the folder as a module of its own, with an explicit configuration: otherwise buf walks up the
  // directory tree and may adopt any buf.yaml it finds above the checkout.
  const bytes = execFileSync(bufBinary, ["build", ".", "--config", '{"version":"v2"}', "--as-file-descriptor-set", "-o", "-#format=binpb"], {
    cwd: moduleRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  return fromBinary(FileDescriptorSetSchema, new Uint8Array(bytes));
}

/** "http://127.0.0.1:5000" (what the C# tests pass) → "127.0.0.1:5000" (what grpc-js dials). */
export function grpcJsTarget(address) {
  const url = new URL(address);
  return url.host;
}
