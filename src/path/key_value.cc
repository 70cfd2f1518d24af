#include <string>
#include <string_view>

#include "common/error.h"
#include "path/key_pattern.h"

namespace eventmgr::path {
namespace {

// Returns the element count of a libyang sized array (LY_ARRAY), which libyang stores just
// before the first element. Null arrays are empty.
std::size_t sizedArrayCount(const void* array) {
  if (array == nullptr) {
    return 0;
  }
  return *(static_cast<const LY_ARRAY_COUNT_TYPE*>(array) - 1);
}

const lysc_type* keyType(const lysc_node* key) {
  return reinterpret_cast<const lysc_node_leaf*>(key)->type;
}

// Searches the identities derived from BASE (and BASE itself) for NAME, optionally in MODULE.
const lysc_ident* findIdentity(const lysc_ident* base, std::string_view module,
                               std::string_view name) {
  if (name == base->name && (module.empty() || module == base->module->name)) {
    return base;
  }
  for (std::size_t i = 0; i < sizedArrayCount(base->derived); ++i) {
    if (const lysc_ident* found = findIdentity(base->derived[i], module, name)) {
      return found;
    }
  }
  return nullptr;
}

// Returns the identity VALUE ("bgp" or "module:bgp") of the identityref TYPE, or null.
const lysc_ident* findIdentityValue(const lysc_type* type, std::string_view value) {
  const auto* identityref = reinterpret_cast<const lysc_type_identityref*>(type);
  std::string_view module;
  std::string_view name = value;
  if (auto colon = value.find(':'); colon != std::string_view::npos) {
    module = value.substr(0, colon);
    name = value.substr(colon + 1);
  }
  for (std::size_t i = 0; i < sizedArrayCount(identityref->bases); ++i) {
    if (const lysc_ident* found = findIdentity(identityref->bases[i], module, name)) {
      // A base identity itself is not a valid value.
      return found == identityref->bases[i] ? nullptr : found;
    }
  }
  return nullptr;
}

}  // namespace

std::string canonicalKeyValue(const lysc_node* key, const std::string& value) {
  // libyang's dictionary handles strings up to the first NUL byte, so a value with an embedded
  // NUL would be stored under one length and released under another.
  if (value.find('\0') != std::string::npos) {
    throw Error(ErrorKind::kInvalidArgument, "the value contains a NUL byte");
  }
  const lysc_type* type = keyType(key);
  if (type->basetype == LY_TYPE_IDENT) {
    const lysc_ident* identity = findIdentityValue(type, value);
    if (identity == nullptr) {
      throw Error(ErrorKind::kInvalidArgument,
                  "\"" + value + "\" is not an identity of the type of " + key->name);
    }
    return std::string(identity->module->name) + ":" + identity->name;
  }

  uint32_t quiet = LY_LOSTORE_LAST;
  ly_temp_log_options(&quiet);
  const char* canonical = nullptr;
  const ly_ctx* context = key->module->ctx;
  LY_ERR result =
      lyd_value_validate(context, key, value.data(), value.size(), nullptr, nullptr, &canonical);
  std::string message;
  if (result != LY_SUCCESS && result != LY_EINCOMPLETE) {
    const ly_err_item* error = ly_err_last(context);
    message = error != nullptr && error->msg != nullptr ? error->msg : "invalid value";
    // Drop this thread's stored errors, which would otherwise accumulate if libyang falls
    // back to global options that store every error. Clearing changes no schema data.
    ly_err_clean(const_cast<ly_ctx*>(context), nullptr);
  }
  ly_temp_log_options(nullptr);
  if (!message.empty()) {
    throw Error(ErrorKind::kInvalidArgument, message);
  }
  std::string canonical_value = canonical != nullptr ? std::string(canonical) : value;
  if (canonical != nullptr) {
    lydict_remove(context, canonical);
  }
  return canonical_value;
}

std::string_view displayKeyValue(const lysc_node* key, std::string_view value) {
  if (key == nullptr || key->nodetype != LYS_LEAF || keyType(key)->basetype != LY_TYPE_IDENT) {
    return value;
  }
  auto colon = value.find(':');
  return colon == std::string_view::npos ? value : value.substr(colon + 1);
}

}  // namespace eventmgr::path
