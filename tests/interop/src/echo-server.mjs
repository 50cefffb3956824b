// A @grpc/grpc-js server of the echo contract (same behaviour as the C# EchoServiceImpl) plus the probe
// contract, for the reverse interop test: our C# client against a server nobody here wrote.
// Usage: node src/echo-server.mjs [--exit-with-stdin]
// Binds 127.0.0.1 on a free port and prints {"port":N} once it is serving. With --exit-with-stdin it stops when
// its stdin closes, so a test that dies without cleaning up never leaves it behind.
import grpc from "@grpc/grpc-js";
import { loadGrpcJsServices } from "./contracts.mjs";
import { encodeBadRequestStatus } from "./rich-error.mjs";

const echoPrefix = "x-echo-";

/** The request's "x-echo-" entries, which the echo contract sends back as response headers and trailers. */
function echoedMetadata(requestMetadata) {
  const echoed = new grpc.Metadata();
  for (const key of Object.keys(requestMetadata.getMap())) {
    if (!key.startsWith(echoPrefix)) continue;
    for (const value of requestMetadata.get(key)) echoed.add(key, value);
  }
  return echoed;
}

function startEchoingMetadata(call) {
  const echoed = echoedMetadata(call.metadata);
  if (Object.keys(echoed.getMap()).length > 0) call.sendMetadata(echoed);
  return echoed;
}

/** Waits delayMs unless the call is cancelled first (then rejects with CANCELLED, which grpc-js drops). */
function delay(call, delayMs) {
  if (!delayMs) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, delayMs);
    call.once("cancelled", () => {
      clearTimeout(timer);
      reject(Object.assign(new Error("cancelled"), { code: grpc.status.CANCELLED }));
    });
  });
}

/** The call's requests; the stream stays open afterwards (a plain for-await would destroy it before the trailers). */
function requestsOf(call) {
  return call.iterator({ destroyOnReturn: false });
}

async function answer(call, request) {
  await delay(call, request.delayMs);
  if (request.failWithCode) {
    throw Object.assign(new Error(`Failed as asked: ${request.text}`), { code: request.failWithCode });
  }
  return { text: request.text, payload: request.payload };
}

/** Turns a thrown error into the status grpc-js sends, keeping the echoed trailers. */
function statusOf(error, trailers) {
  return { code: error.code ?? grpc.status.UNKNOWN, details: error.message, metadata: trailers };
}

const echoService = {
  async Echo(call, callback) {
    const trailers = startEchoingMetadata(call);
    try {
      callback(null, await answer(call, call.request), trailers);
    } catch (error) {
      callback(statusOf(error, trailers));
    }
  },
  async Expand(call) {
    const trailers = startEchoingMetadata(call);
    try {
      for (let i = 1; i <= call.request.count; i++) {
        await delay(call, call.request.delayMs);
        call.write({ text: `${call.request.text}-${i}` });
      }
      call.end(trailers);
    } catch (error) {
      call.emit("error", statusOf(error, trailers));
    }
  },
  async Collect(call, callback) {
    const trailers = startEchoingMetadata(call);
    try {
      let text = "";
      const payloads = [];
      for await (const request of requestsOf(call)) {
        const reply = await answer(call, request);
        text += reply.text;
        payloads.push(reply.payload);
      }
      callback(null, { text, payload: Buffer.concat(payloads) }, trailers);
    } catch (error) {
      callback(statusOf(error, trailers));
    }
  },
  async Chat(call) {
    const trailers = startEchoingMetadata(call);
    try {
      for await (const request of requestsOf(call)) call.write(await answer(call, request));
      call.end(trailers);
    } catch (error) {
      call.emit("error", statusOf(error, trailers));
    }
  },
};

/** Hang tickets → a promise that settles when that Hang call saw its cancellation. */
const cancellations = new Map();
function cancellationOf(ticket) {
  if (!cancellations.has(ticket)) {
    let observe;
    const observed = new Promise((resolve) => { observe = resolve; });
    cancellations.set(ticket, { observed, observe });
  }
  return cancellations.get(ticket);
}

const probeService = {
  Validate(call, callback) {
    const violations = [];
    if (!call.request.email) violations.push({ field: "email", description: "An email address is required." });
    if (!call.request.displayName) violations.push({ field: "display_name", description: "A display name is required." });
    if (violations.length === 0) {
      callback(null, { greeting: `Hello ${call.request.displayName}` });
      return;
    }
    const message = "The request has invalid fields.";
    const trailers = new grpc.Metadata();
    trailers.set("grpc-status-details-bin", Buffer.from(encodeBadRequestStatus(grpc.status.INVALID_ARGUMENT, message, violations)));
    callback({ code: grpc.status.INVALID_ARGUMENT, details: message, metadata: trailers });
  },
  Hang(call) {
    // Headers first, so the client knows the handler is running before it cancels.
    call.sendMetadata(new grpc.Metadata());
    call.once("cancelled", () => cancellationOf(call.request.ticket).observe());
  },
  async AwaitCancellation(call, callback) {
    await cancellationOf(call.request.ticket).observed;
    callback(null, { observed: true });
  },
};

const { EchoService, ProbeService } = loadGrpcJsServices();
// grpc-js inflates gzip requests but always answers uncompressed (it has no response compression).
const server = new grpc.Server();
server.addService(EchoService.service, echoService);
server.addService(ProbeService.service, probeService);

server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) {
    process.stderr.write(`echo-server: cannot bind: ${error.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});

function stop() {
  server.tryShutdown(() => process.exit(0));
  // Open streams (a test that never ended its call) must not keep the process alive.
  setTimeout(() => server.forceShutdown(), 2000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
if (process.argv.includes("--exit-with-stdin")) {
  process.stdin.on("end", stop);
  process.stdin.resume();
}
