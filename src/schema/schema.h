#pragma once

#include <libyang/libyang.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace eventmgr::schema {

//! The two schema trees of a node. SR Linux's tools modules reuse top-level names such as
//! `interface`, so they are compiled into a libyang context of their own.
enum class Tree {
  kData,   //!< configuration and state: interface, network-instance, system, ...
  kTools,  //!< tools commands, without the `tools` prefix
};

//! Sources of a Schema's modules.
struct SchemaOptions {
  //! Load eventmgr's built-in modules, which are compiled into the binary.
  bool load_builtin = true;
  //! Folders with further YANG modules. Every `*.yang` module file directly in them is
  //! loaded, and a module with the name of a built-in one replaces it. Modules whose name
  //! contains "tools" go into the tools tree. Imports are searched in the folders and their
  //! subfolders.
  std::vector<std::filesystem::path> yang_dirs;
  //! Folders searched, with their subfolders, only for imports: their modules load only when
  //! a loaded module imports them. SR Linux's published models need their ietf/, iana/ and
  //! openconfig/ folders here, because loading every file in them fails on conflicting
  //! revisions.
  std::vector<std::filesystem::path> search_dirs;
};

//! The YANG schema of one node: a compiled libyang context for the data tree and one for the
//! tools tree, plus name lookups that hide module prefixes, augments, choices and cases.
//!
//! Thread safety: construct it on one thread. Afterwards every const method may be called
//! from any number of threads at once, because the contexts are never changed again.
class Schema {
 public:
  //! Compiles the modules. Throws eventmgr::Error (kInvalidArgument) naming the module and
  //! libyang's message when a module does not parse or compile, and kNotFound when a
  //! yang_dirs folder does not exist.
  explicit Schema(const SchemaOptions& options = {});
  ~Schema();
  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  //! Returns a process-wide Schema with only the built-in modules, compiled on first use.
  //! Tests and tools that need no --yang-dir share it.
  static std::shared_ptr<const Schema> builtin();

  //! Returns the libyang context of TREE, owned by this Schema and valid for its lifetime.
  //! Callers may parse and create data with it but must not load modules into it.
  const ly_ctx* context(Tree tree = Tree::kData) const;

  //! Returns the top-level data node called NAME (no module prefix) in any implemented
  //! module of TREE, or null when there is none. NAME may carry a module prefix
  //! ("srl_nokia-interfaces:interface"), which then must match the defining module.
  const lysc_node* findTopLevel(std::string_view name, Tree tree = Tree::kData) const;

  //! Returns the child of PARENT called NAME, looking through choices and cases and including
  //! nodes augmented from other modules; null when there is none. A "module:" prefix on NAME
  //! is accepted as for findTopLevel. PARENT must be a container or list of this Schema.
  const lysc_node* findChild(const lysc_node* parent, std::string_view name) const;

  //! Returns the names of the nodes that findChild(PARENT, ...) can return (or the top-level
  //! names of TREE when PARENT is null), sorted, for "did you mean" hints and completion.
  std::vector<std::string> childNames(const lysc_node* parent, Tree tree = Tree::kData) const;

  //! Returns the tree that NODE belongs to.
  Tree treeOf(const lysc_node* node) const;

  //! Returns the names of the implemented modules of TREE, sorted, e.g. for gNMI
  //! Capabilities.
  std::vector<std::string> moduleNames(Tree tree = Tree::kData) const;

 private:
  struct Contexts;
  std::unique_ptr<Contexts> contexts_;
};

}  // namespace eventmgr::schema
