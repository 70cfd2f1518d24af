#pragma once

#include <libyang/libyang.h>

#include <memory>
#include <string>

#include "common/error.h"

namespace eventmgr::datastore {

//! Frees a whole libyang data forest (all top-level siblings) when its owner goes away.
struct TreeDeleter {
  void operator()(lyd_node* node) const { lyd_free_all(node); }
};

//! Owning pointer to a libyang data forest. It points at the first top-level sibling, and null
//! is the empty tree. libyang may insert a new first sibling, so code that adds top-level nodes
//! calls resetToFirstSibling afterwards.
using Tree = std::unique_ptr<lyd_node, TreeDeleter>;

//! Makes TREE point at the first top-level sibling again after libyang inserted nodes.
void resetToFirstSibling(Tree& tree);

//! Returns a deep copy of a whole forest, keeping libyang's node flags (default, validated).
Tree duplicateTree(const lyd_node* tree);

//! Returns the data path of NODE in libyang's XPath form,
//! e.g. `/srl_nokia-interfaces:interface[name='ethernet-1/1']/admin-state`.
std::string dataPath(const lyd_node* node);

//! Returns the canonical string value of a leaf or leaf-list instance.
std::string nodeValue(const lyd_node* node);

//! Returns every error and warning libyang stored for CTX on this thread, joined with "; ",
//! each followed by the data path it concerns, and clears them. Returns "" when none is stored.
std::string takeLibyangErrors(const ly_ctx* ctx);

//! Throws Error(KIND) whose message is CONTEXT followed by libyang's stored errors.
[[noreturn]] void throwLibyangError(const ly_ctx* ctx, ErrorKind kind, const std::string& context);

//! Throws Error(kValidation) whose message is CONTEXT followed by libyang's stored validation
//! errors. Each error's data location is written in CLI notation when the node exists in TREE
//! (`(at interface ethernet-1/1 mtu)`), and as libyang's path otherwise.
[[noreturn]] void throwValidationError(const ly_ctx* ctx, const lyd_node* tree,
                                       const std::string& context);

//! Makes libyang keep all errors for ly_err_first instead of printing them to standard error.
//! The setting is process-wide, so call it before the first libyang operation.
void storeLibyangErrors();

//! Returns XPATH without its predicates (`[...]`), which is the schema path of the data node.
std::string stripPredicates(const std::string& xpath);

//! Returns VALUE as an XPath string literal in single or double quotes. Throws
//! Error(kInvalidArgument) when VALUE contains both quote characters, which XPath 1.0 cannot
//! express.
std::string xpathLiteral(const std::string& value);

}  // namespace eventmgr::datastore
