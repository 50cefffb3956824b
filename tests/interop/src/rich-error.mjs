// Decodes the gRPC rich error model (google.rpc.Status carried in `grpc-status-details-bin`).
// The two google.rpc messages are described here by field number rather than vendored as .proto files:
// these numbers are the wire contract, and they are all the suite needs to read a BadRequest.
import protobuf from "protobufjs";

const root = protobuf.Root.fromJSON({
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Any: { fields: { type_url: { type: "string", id: 1 }, value: { type: "bytes", id: 2 } } },
          },
        },
        rpc: {
          nested: {
            Status: {
              fields: {
                code: { type: "int32", id: 1 },
                message: { type: "string", id: 2 },
                details: { rule: "repeated", type: "google.protobuf.Any", id: 3 },
              },
            },
            BadRequest: {
              fields: { field_violations: { rule: "repeated", type: "FieldViolation", id: 1 } },
              nested: {
                FieldViolation: {
                  fields: { field: { type: "string", id: 1 }, description: { type: "string", id: 2 } },
                },
              },
            },
          },
        },
      },
    },
  },
});

const StatusType = root.lookupType("google.rpc.Status");
const BadRequestType = root.lookupType("google.rpc.BadRequest");

export const badRequestTypeUrl = "type.googleapis.com/google.rpc.BadRequest";

/** google.rpc.Status bytes → { code, message, details: [{ typeUrl, value }] }. */
export function decodeStatus(bytes) {
  const status = StatusType.toObject(StatusType.decode(bytes), { defaults: true });
  return {
    code: status.code,
    message: status.message,
    details: status.details.map((any) => ({ typeUrl: any.type_url, value: any.value })),
  };
}

/** google.rpc.BadRequest bytes → [{ field, description }]. */
export function decodeBadRequest(bytes) {
  const badRequest = BadRequestType.toObject(BadRequestType.decode(bytes), { defaults: true });
  return badRequest.field_violations.map((v) => ({ field: v.field, description: v.description }));
}

/** google.rpc.Status + BadRequest → bytes, for the Node server's own rich errors. */
export function encodeBadRequestStatus(code, message, violations) {
  const badRequest = BadRequestType.encode(
    BadRequestType.fromObject({ field_violations: violations }),
  ).finish();
  return StatusType.encode(
    StatusType.fromObject({ code, message, details: [{ type_url: badRequestTypeUrl, value: badRequest }] }),
  ).finish();
}
