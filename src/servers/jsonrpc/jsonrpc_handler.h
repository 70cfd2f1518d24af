#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "datastore/datastore.h"
#include "servers/journal/change_journal.h"

namespace eventmgr::servers {

//! JSON-RPC 2.0 methods in SR Linux's shape, on one node's datastore:
//! - `get`: params.commands[] of {path (gNMI string form), datastore running|candidate|state};
//!   each result is the RFC 7951 JSON of the subtree without module prefixes, or the value of a
//!   leaf.
//! - `set` and `validate`: params.commands[] of {action update|replace|delete, path, value};
//!   datastore candidate (the default; one transaction, committed at once), tools, or the
//!   eventmgr extension state (simulated state). `validate` checks a candidate transaction
//!   without applying it.
//! - `cli`: params.commands[] of CLI command strings run in one session; output-format text
//!   (default here) or json.
//! - `changes` (eventmgr extension, when a journal is enabled): params {since, max, wait-ms};
//!   returns the change batches after sequence `since`, for `eventmgr record`.
//! A request is atomic: for set, one bad command fails the whole request.
class JsonRpcHandler {
 public:
  //! Names the instance that caused a change batch, or nothing for an external change.
  using OriginFunction = std::function<std::optional<std::string>(std::uint64_t)>;

  explicit JsonRpcHandler(datastore::Datastore& datastore) : datastore_(datastore) {}

  //! Serves the `changes` method from JOURNAL, labelling batches with ORIGIN. Call before the
  //! first request; both must outlive the handler.
  void enableJournal(ChangeJournal& journal, OriginFunction origin) {
    journal_ = &journal;
    origin_ = std::move(origin);
  }

  //! Handles one request body and returns the response body. Never throws: malformed requests
  //! and failed commands come back as a JSON-RPC error object naming the problem.
  std::string handle(const std::string& body);

 private:
  nlohmann::json dispatch(const std::string& method, const nlohmann::json& params);
  nlohmann::json get(const nlohmann::json& params);
  nlohmann::json set(const nlohmann::json& params, bool validate_only);
  nlohmann::json cli(const nlohmann::json& params);
  nlohmann::json changes(const nlohmann::json& params);

  datastore::Datastore& datastore_;
  ChangeJournal* journal_ = nullptr;
  OriginFunction origin_;
};

}  // namespace eventmgr::servers
