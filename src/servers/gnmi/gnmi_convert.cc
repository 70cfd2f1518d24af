#include "servers/gnmi/gnmi_convert.h"

#include <libyang/libyang.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "common/error.h"

namespace eventmgr::servers::gnmi {

namespace {

using nlohmann::json;

// Returns the RFC 7951 JSON form of one canonical value of a leaf of base type TYPE.
json scalarToJson(LY_DATA_TYPE type, const std::string& text) {
  switch (type) {
    case LY_TYPE_INT8:
    case LY_TYPE_INT16:
    case LY_TYPE_INT32:
      try {
        return std::stoll(text);
      } catch (const std::exception&) {
        return text;
      }
    case LY_TYPE_UINT8:
    case LY_TYPE_UINT16:
    case LY_TYPE_UINT32:
      try {
        return std::stoull(text);
      } catch (const std::exception&) {
        return text;
      }
    case LY_TYPE_BOOL:
      if (text == "true" || text == "false") {
        return text == "true";
      }
      return text;
    case LY_TYPE_EMPTY:
      return json::array({nullptr});
    default:
      return text;
  }
}

LY_DATA_TYPE baseTypeOf(const lysc_node* node) {
  if (node == nullptr) {
    return LY_TYPE_STRING;
  }
  if (node->nodetype == LYS_LEAF) {
    return reinterpret_cast<const lysc_node_leaf*>(node)->type->basetype;
  }
  if (node->nodetype == LYS_LEAFLIST) {
    return reinterpret_cast<const lysc_node_leaflist*>(node)->type->basetype;
  }
  return LY_TYPE_STRING;
}

}  // namespace

path::GnmiPath fromProto(const ::gnmi::Path& proto) {
  // The deprecated field is read only to reject it with a clear message.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  if (proto.element_size() > 0) {
    throw Error(ErrorKind::kInvalidArgument, "path uses the deprecated field \"element\" (\"" +
                                                 proto.element(0) +
                                                 "\", ...); send \"elem\" instead");
  }
#pragma GCC diagnostic pop
  path::GnmiPath path;
  path.origin = proto.origin();
  path.target = proto.target();
  for (const auto& elem : proto.elem()) {
    path::GnmiPathElem converted;
    converted.name = elem.name();
    if (converted.name.empty()) {
      throw Error(ErrorKind::kInvalidArgument, "path has an element with an empty name");
    }
    for (const auto& [key, value] : elem.key()) {
      converted.keys.emplace(key, value);
    }
    path.elems.push_back(std::move(converted));
  }
  return path;
}

::gnmi::Path toProto(const path::GnmiPath& path) {
  ::gnmi::Path proto;
  proto.set_origin(path.origin);
  proto.set_target(path.target);
  for (const auto& elem : path.elems) {
    auto* added = proto.add_elem();
    added->set_name(elem.name);
    for (const auto& [key, value] : elem.keys) {
      (*added->mutable_key())[key] = value;
    }
  }
  return proto;
}

path::GnmiPath joinPaths(const ::gnmi::Path& prefix, const ::gnmi::Path& path) {
  path::GnmiPath joined = fromProto(prefix);
  path::GnmiPath tail = fromProto(path);
  if (!tail.origin.empty()) {
    joined.origin = tail.origin;
  }
  joined.elems.insert(joined.elems.end(), tail.elems.begin(), tail.elems.end());
  return joined;
}

std::string leafToJson(const lysc_node* node, const datastore::LeafValue& value) {
  LY_DATA_TYPE type = baseTypeOf(node);
  if (const auto* text = std::get_if<std::string>(&value)) {
    return scalarToJson(type, *text).dump();
  }
  json items = json::array();
  for (const auto& item : std::get<std::vector<std::string>>(value)) {
    items.push_back(scalarToJson(type, item));
  }
  return items.dump();
}

std::string typedValueToJson(const ::gnmi::TypedValue& value) {
  switch (value.value_case()) {
    case ::gnmi::TypedValue::kJsonVal:
    case ::gnmi::TypedValue::kJsonIetfVal: {
      const std::string& text = value.has_json_val() ? value.json_val() : value.json_ietf_val();
      if (!json::accept(text)) {
        throw Error(ErrorKind::kInvalidArgument, "value " + text + " is not valid JSON");
      }
      return text;
    }
    case ::gnmi::TypedValue::kStringVal:
      return json(value.string_val()).dump();
    case ::gnmi::TypedValue::kAsciiVal:
      return json(value.ascii_val()).dump();
    case ::gnmi::TypedValue::kIntVal:
      return json(value.int_val()).dump();
    case ::gnmi::TypedValue::kUintVal:
      return json(value.uint_val()).dump();
    case ::gnmi::TypedValue::kBoolVal:
      return json(value.bool_val()).dump();
    case ::gnmi::TypedValue::kDoubleVal:
      return json(value.double_val()).dump();
    case ::gnmi::TypedValue::kLeaflistVal: {
      json items = json::array();
      for (const auto& element : value.leaflist_val().element()) {
        items.push_back(json::parse(typedValueToJson(element)));
      }
      return items.dump();
    }
    case ::gnmi::TypedValue::VALUE_NOT_SET:
      throw Error(ErrorKind::kInvalidArgument,
                  "update has no value; set json_ietf_val or json_val");
    default:
      throw Error(ErrorKind::kInvalidArgument,
                  "value field " + std::to_string(static_cast<int>(value.value_case())) +
                      " is not supported; send json_ietf_val, json_val or a scalar");
  }
}

std::int64_t nowNanoseconds() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

grpc::StatusCode statusCodeOf(const std::exception& error) {
  const auto* known = dynamic_cast<const Error*>(&error);
  if (known == nullptr) {
    return dynamic_cast<const json::exception*>(&error) != nullptr ? grpc::INVALID_ARGUMENT
                                                                   : grpc::INTERNAL;
  }
  switch (known->kind()) {
    case ErrorKind::kInvalidArgument:
      return grpc::INVALID_ARGUMENT;
    case ErrorKind::kNotFound:
      return grpc::NOT_FOUND;
    case ErrorKind::kValidation:
      return grpc::FAILED_PRECONDITION;
    case ErrorKind::kUnavailable:
      return grpc::UNAVAILABLE;
    default:
      return grpc::INTERNAL;
  }
}

const char* statusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::OK:
      return "OK";
    case grpc::CANCELLED:
      return "CANCELLED";
    case grpc::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::ABORTED:
      return "ABORTED";
    case grpc::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    case grpc::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    default:
      return "INTERNAL";
  }
}

}  // namespace eventmgr::servers::gnmi
