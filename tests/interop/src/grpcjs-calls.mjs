// Promise wrappers over @grpc/grpc-js calls that also capture response headers and trailers,
// so each scenario can assert what came back on the wire, not only the message.
import grpc from "@grpc/grpc-js";

/** A unary call → { response, headers, trailers }; rejects with the grpc-js ServiceError. */
export function unary(client, method, request, { metadata = new grpc.Metadata(), options = {}, onCall } = {}) {
  return new Promise((resolve, reject) => {
    let outcome;
    let headers = new grpc.Metadata();
    const call = client[method](request, metadata, options, (error, response) => {
      outcome = { error, response };
    });
    call.on("metadata", (received) => { headers = received; });
    // grpc-js invokes the callback before it emits "status", which carries the trailers.
    call.on("status", (status) => {
      if (outcome.error) reject(outcome.error);
      else resolve({ response: outcome.response, headers, trailers: status.metadata });
    });
    onCall?.(call);
  });
}

/** Reads a response stream to its end → { messages, headers, trailers }. */
export function readAll(call) {
  return new Promise((resolve, reject) => {
    const messages = [];
    let headers = new grpc.Metadata();
    call.on("metadata", (received) => { headers = received; });
    call.on("data", (message) => messages.push(message));
    call.on("error", reject);
    call.on("status", (status) => {
      if (status.code === grpc.status.OK) resolve({ messages, headers, trailers: status.metadata });
    });
  });
}

/** A client-streaming call: writes every request, ends, and waits for the single response. */
export function collect(client, method, requests, { metadata = new grpc.Metadata(), options = {} } = {}) {
  return new Promise((resolve, reject) => {
    let outcome;
    let headers = new grpc.Metadata();
    const call = client[method](metadata, options, (error, response) => {
      outcome = { error, response };
    });
    call.on("metadata", (received) => { headers = received; });
    call.on("status", (status) => {
      if (outcome.error) reject(outcome.error);
      else resolve({ response: outcome.response, headers, trailers: status.metadata });
    });
    for (const request of requests) call.write(request);
    call.end();
  });
}

/** Rejects when the promise fulfils; otherwise returns the rejection (a ServiceError). */
export async function expectFailure(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("the call succeeded but a failure status was expected");
}
