#pragma once

#include <string>
#include <vector>

#include "datastore/datastore.h"
#include "engine/store/execution_record.h"
#include "schema/schema.h"

namespace eventmgr::engine {

//! Renders RECORDS as the state leaves of `system event-handler instance NAME history`:
//! `execution <id>` with trigger, changed-paths, the execution leaves and `action <index>` with
//! name, parameters, result, detail and duration.
std::vector<datastore::MatchedLeaf> historyLeaves(const schema::Schema& schema,
                                                  const path::ConcretePath& history_path,
                                                  const std::vector<ExecutionRecord>& records);

}  // namespace eventmgr::engine
