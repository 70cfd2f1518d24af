#include "datastore/json_names.h"

#include <vector>

#include "common/error.h"

namespace eventmgr::datastore {
namespace {

struct NameParts {
  std::string module;  // "" when the name has no prefix
  std::string name;
};

NameParts splitName(const std::string& member) {
  auto colon = member.find(':');
  if (colon == std::string::npos) {
    return {"", member};
  }
  return {member.substr(0, colon), member.substr(colon + 1)};
}

std::vector<const lysc_node*> childNodes(const lysc_node* parent, const ly_ctx* ctx) {
  std::vector<const lysc_node*> children;
  if (parent != nullptr) {
    for (const lysc_node* child = lys_getnext(nullptr, parent, nullptr, 0); child != nullptr;
         child = lys_getnext(child, parent, nullptr, 0)) {
      children.push_back(child);
    }
    return children;
  }
  uint32_t index = 0;
  while (const lys_module* module = ly_ctx_get_module_iter(ctx, &index)) {
    if (!module->implemented || module->compiled == nullptr) {
      continue;
    }
    for (const lysc_node* child = lys_getnext(nullptr, nullptr, module->compiled, 0);
         child != nullptr; child = lys_getnext(child, nullptr, module->compiled, 0)) {
      children.push_back(child);
    }
  }
  return children;
}

std::string listNames(const std::vector<const lysc_node*>& nodes) {
  std::string names;
  for (const auto* node : nodes) {
    names += names.empty() ? "" : ", ";
    names += node->name;
  }
  return names;
}

const lysc_node* findChild(const std::vector<const lysc_node*>& children, const NameParts& parts,
                           const std::string& member, const std::string& where) {
  const lysc_node* found = nullptr;
  for (const auto* child : children) {
    if (parts.name != child->name) {
      continue;
    }
    if (!parts.module.empty() && parts.module != child->module->name) {
      continue;
    }
    if (found != nullptr) {
      throw Error(ErrorKind::kInvalidArgument,
                  "JSON member \"" + member + "\" at " + where + " is ambiguous: modules " +
                      found->module->name + " and " + child->module->name +
                      " both define it; write it as \"module:" + parts.name + "\"");
    }
    found = child;
  }
  if (found == nullptr) {
    throw Error(ErrorKind::kInvalidArgument,
                "JSON member \"" + member + "\" at " + where +
                    " is not in the schema; expected one of: " + listNames(children));
  }
  return found;
}

// Returns the JSON type libyang expects for values of TYPE, following RFC 7951: numbers for
// 8- to 32-bit integers, booleans for boolean, strings for everything else (64-bit integers and
// decimal64 included). Unions accept several, so their values pass unchanged.
enum class JsonKind { kNumber, kBoolean, kString, kAny };

JsonKind jsonKindOf(const lysc_type* type) {
  switch (type->basetype) {
    case LY_TYPE_INT8:
    case LY_TYPE_INT16:
    case LY_TYPE_INT32:
    case LY_TYPE_UINT8:
    case LY_TYPE_UINT16:
    case LY_TYPE_UINT32:
      return JsonKind::kNumber;
    case LY_TYPE_BOOL:
      return JsonKind::kBoolean;
    case LY_TYPE_UNION:
    case LY_TYPE_EMPTY:
    case LY_TYPE_LEAFREF:
      return JsonKind::kAny;
    default:
      return JsonKind::kString;
  }
}

// Converts a scalar written with the wrong JSON type ("mtu": "9000", "description": 12) into the
// type libyang expects, because published SR Linux configs are not strict about it. Values that
// do not convert pass unchanged and libyang reports them.
nlohmann::json coerceScalar(const nlohmann::json& value, JsonKind kind) {
  if (kind == JsonKind::kNumber && value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    if (!text.empty() && text.find_first_not_of("-0123456789") == std::string::npos) {
      try {
        return text[0] == '-' ? nlohmann::json(std::stoll(text))
                              : nlohmann::json(std::stoull(text));
      } catch (const std::exception&) {
        return value;  // out of range: libyang names the value and the range
      }
    }
  } else if (kind == JsonKind::kBoolean && value.is_string()) {
    if (value == "true" || value == "false") {
      return value == "true";
    }
  } else if (kind == JsonKind::kString && (value.is_number() || value.is_boolean())) {
    return value.dump();
  }
  return value;
}

nlohmann::json qualifyValue(const nlohmann::json& value, const lysc_node* schema,
                            const std::string& where) {
  if (schema->nodetype & LYD_NODE_TERM) {
    const lysc_type* type = schema->nodetype == LYS_LEAF
                                ? reinterpret_cast<const lysc_node_leaf*>(schema)->type
                                : reinterpret_cast<const lysc_node_leaflist*>(schema)->type;
    JsonKind kind = jsonKindOf(type);
    if (!value.is_array()) {
      return coerceScalar(value, kind);
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& item : value) {
      items.push_back(item.is_null() ? item : coerceScalar(item, kind));
    }
    return items;
  }
  if (schema->nodetype == LYS_CONTAINER) {
    return qualifyJsonNames(value, schema, where);
  }
  if (schema->nodetype == LYS_LIST) {
    if (!value.is_array()) {
      throw Error(ErrorKind::kInvalidArgument,
                  "JSON member at " + where + " is a list and must be an array of objects, got " +
                      value.dump());
    }
    nlohmann::json entries = nlohmann::json::array();
    for (size_t i = 0; i < value.size(); ++i) {
      entries.push_back(qualifyJsonNames(value[i], schema, where + "/" + std::to_string(i)));
    }
    return entries;
  }
  return value;
}

}  // namespace

nlohmann::json qualifyJsonNames(const nlohmann::json& json, const lysc_node* parent,
                                const std::string& where, const ly_ctx* ctx) {
  if (!json.is_object()) {
    throw Error(ErrorKind::kInvalidArgument,
                "JSON value at " + where + " must be an object, got " + json.dump());
  }
  const auto children = childNodes(parent, ctx);
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [member, value] : json.items()) {
    if (!member.empty() && member[0] == '@') {
      out[member] = value;
      continue;
    }
    NameParts parts = splitName(member);
    std::string child_where = where + "/" + member;
    const lysc_node* child = findChild(children, parts, member, where);
    bool module_changes = parent == nullptr || parent->module != child->module;
    std::string name = module_changes ? std::string(child->module->name) + ":" + child->name
                                      : std::string(child->name);
    out[name] = qualifyValue(value, child, child_where);
  }
  return out;
}

nlohmann::ordered_json unqualifyJsonNames(const nlohmann::ordered_json& json) {
  if (json.is_array()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& item : json) {
      out.push_back(unqualifyJsonNames(item));
    }
    return out;
  }
  if (!json.is_object()) {
    return json;
  }
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [member, value] : json.items()) {
    out[splitName(member).name] = unqualifyJsonNames(value);
  }
  return out;
}

}  // namespace eventmgr::datastore
