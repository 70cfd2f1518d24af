#include "datastore/yang_tree.h"

#include <cstdlib>
#include <utility>
#include <vector>

#include "datastore/snapshot.h"

namespace eventmgr::datastore {

void resetToFirstSibling(Tree& tree) {
  if (!tree) {
    return;
  }
  lyd_node* node = tree.release();
  while (lyd_parent(node) != nullptr) {
    node = lyd_parent(node);
  }
  tree.reset(lyd_first_sibling(node));
}

Tree duplicateTree(const lyd_node* tree) {
  if (tree == nullptr) {
    return nullptr;
  }
  lyd_node* copy = nullptr;
  if (lyd_dup_siblings(tree, nullptr, LYD_DUP_RECURSIVE | LYD_DUP_WITH_FLAGS, &copy) !=
      LY_SUCCESS) {
    throwLibyangError(LYD_CTX(tree), ErrorKind::kInternal, "copying a data tree failed");
  }
  return Tree(copy);
}

std::string dataPath(const lyd_node* node) {
  char* path = lyd_path(node, LYD_PATH_STD, nullptr, 0);
  if (path == nullptr) {
    throw Error(ErrorKind::kInternal, "libyang could not build the path of a data node");
  }
  std::string result(path);
  std::free(path);
  return result;
}

std::string nodeValue(const lyd_node* node) {
  const char* value = lyd_get_value(node);
  return value == nullptr ? std::string() : std::string(value);
}

namespace {

// Returns the CLI path of the node named in LOCATION (`Data location "/x:a[k='v']/b", ...`)
// when it exists in TREE, or "" when it cannot be found.
std::string cliLocation(const std::string& location, const lyd_node* tree) {
  static const std::string kPrefix = "Data location \"";
  if (tree == nullptr || !location.starts_with(kPrefix)) {
    return "";
  }
  std::size_t end = location.find('"', kPrefix.size());
  if (end == std::string::npos) {
    return "";
  }
  std::string xpath = location.substr(kPrefix.size(), end - kPrefix.size());
  ly_set* found = nullptr;
  if (lyd_find_xpath(tree, xpath.c_str(), &found) != LY_SUCCESS) {
    return "";
  }
  std::string cli = found->count > 0 ? concretePathOf(found->dnodes[0]).toCli() : "";
  ly_set_free(found, nullptr);
  return cli;
}

std::string describeErrors(const ly_ctx* ctx, const lyd_node* tree) {
  std::vector<std::pair<std::string, std::string>> errors;  // message, location
  for (const ly_err_item* item = ly_err_first(ctx); item != nullptr; item = item->next) {
    errors.emplace_back(item->msg != nullptr ? item->msg : "unknown libyang error",
                        item->path != nullptr ? item->path : "");
  }
  // libyang keeps errors per context and thread. Clearing them needs a mutable context,
  // although it changes only that error list. The lookups below must not see them.
  ly_err_clean(const_cast<ly_ctx*>(ctx), nullptr);

  std::string text;
  for (auto& [message, location] : errors) {
    text += text.empty() ? "" : "; ";
    text += message;
    std::string cli = cliLocation(location, tree);
    takeLibyangErrors(ctx);  // a failed lookup stores an error of its own
    if (!cli.empty()) {
      text += " (at " + cli + ")";
    } else if (!location.empty()) {
      // libyang writes `Schema location "...".` or `Data location "...".`, so drop the period.
      if (location.ends_with('.')) {
        location.pop_back();
      }
      text += " (" + location + ")";
    }
  }
  return text;
}

}  // namespace

void throwValidationError(const ly_ctx* ctx, const lyd_node* tree, const std::string& context) {
  std::string details = describeErrors(ctx, tree);
  throw Error(ErrorKind::kValidation, details.empty() ? context : context + ": " + details);
}

std::string takeLibyangErrors(const ly_ctx* ctx) {
  std::string text;
  for (const ly_err_item* item = ly_err_first(ctx); item != nullptr; item = item->next) {
    if (!text.empty()) {
      text += "; ";
    }
    text += item->msg != nullptr ? item->msg : "unknown libyang error";
    if (item->path != nullptr) {
      // libyang writes `Schema location "...".` or `Data location "...".`, so drop the period.
      std::string location = item->path;
      if (location.ends_with('.')) {
        location.pop_back();
      }
      text += " (" + location + ")";
    }
  }
  // libyang keeps errors per context and thread. Clearing them needs a mutable context,
  // although it changes only that error list.
  ly_err_clean(const_cast<ly_ctx*>(ctx), nullptr);
  return text;
}

void throwLibyangError(const ly_ctx* ctx, ErrorKind kind, const std::string& context) {
  std::string details = takeLibyangErrors(ctx);
  throw Error(kind, details.empty() ? context : context + ": " + details);
}

void storeLibyangErrors() {
  ly_log_options(LY_LOSTORE);
}

std::string stripPredicates(const std::string& xpath) {
  std::string out;
  int depth = 0;
  char quote = 0;
  for (char c : xpath) {
    if (depth > 0) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[') {
        ++depth;
      } else if (c == ']') {
        --depth;
      }
      continue;
    }
    if (c == '[') {
      depth = 1;
      continue;
    }
    out += c;
  }
  return out;
}

std::string xpathLiteral(const std::string& value) {
  if (value.find('\'') == std::string::npos) {
    return "'" + value + "'";
  }
  if (value.find('"') == std::string::npos) {
    return "\"" + value + "\"";
  }
  throw Error(ErrorKind::kInvalidArgument,
              "value " + value +
                  " contains both ' and \"; a key or leaf-list value may contain only one kind");
}

}  // namespace eventmgr::datastore
