#pragma once

#include <grpcpp/support/status.h>

#include <cstdint>
#include <string>

#include "datastore/leaf_value.h"
#include "gnmi.pb.h"
#include "path/concrete_path.h"
#include "path/gnmi_path.h"

namespace eventmgr::servers::gnmi {

//! Converts a protobuf Path to the path library's form. The deprecated `element` field is not
//! supported: a path that sets it throws Error(kInvalidArgument).
path::GnmiPath fromProto(const ::gnmi::Path& proto);
//! Converts the path library's form to a protobuf Path (origin and target included).
::gnmi::Path toProto(const path::GnmiPath& path);
//! Returns PREFIX's elements followed by PATH's, with the prefix's origin unless PATH has one.
path::GnmiPath joinPaths(const ::gnmi::Path& prefix, const ::gnmi::Path& path);

//! Encodes VALUE of the leaf or leaf-list NODE as bare JSON with RFC 7951 typing. Int8 to int32
//! and uint8 to uint32 become numbers, 64-bit integers and decimal64 strings, booleans
//! `true`/`false`, `empty` `[null]`, everything else a string. A leaf-list becomes an array.
std::string leafToJson(const lysc_node* node, const datastore::LeafValue& value);

//! Returns the JSON text of a value received in a Set: json_val and json_ietf_val as sent
//! (after a syntax check), scalars and leaflist_val converted. Throws Error(kInvalidArgument) for
//! bytes, any, proto and unset values, naming the field.
std::string typedValueToJson(const ::gnmi::TypedValue& value);

//! Returns the current time in nanoseconds since the Unix epoch.
std::int64_t nowNanoseconds();

//! Maps an exception of the datastore or path library to a gRPC status: kInvalidArgument to
//! INVALID_ARGUMENT, kNotFound to NOT_FOUND, kValidation to FAILED_PRECONDITION, kUnavailable
//! to UNAVAILABLE, anything else to INTERNAL.
grpc::StatusCode statusCodeOf(const std::exception& error);

//! Returns the canonical name of CODE, e.g. "INVALID_ARGUMENT".
const char* statusCodeName(grpc::StatusCode code);

}  // namespace eventmgr::servers::gnmi
