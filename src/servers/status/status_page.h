#pragma once

#include <string_view>

namespace eventmgr::servers::status {

//! Returns the HTML of the status page served at GET /. The page is static. Its script polls
//! the JSON-RPC `get` of `/system/event-handler` (datastore state) every second and renders
//! every instance with its state and counters, and a timeline of its recent executions from
//! the execution history (trigger, changed paths, duration, actions and results, reason).
std::string_view statusPageHtml();

}  // namespace eventmgr::servers::status
