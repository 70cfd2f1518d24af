#pragma once

#include <libyang/libyang.h>

#include "datastore/ephemeral_overlay.h"
#include "schema/schema.h"

namespace eventmgr::datastore {

//! Device behaviour of the simulated node, applied to every merged view the datastore builds:
//!
//! - An interface that exists in running config reports oper-state `up` unless state sets
//!   another value. Admin-state `disable` makes it `down` with oper-down-reason
//!   `port-admin-disabled`, whatever value state has.
//! - An ephemeral override of `interface <name> oper-state` wins over both. While it is `down`
//!   the oper-down-reason is `event-handler`. Removing the override restores the value above.
//! - A configured subinterface is `down` with reason `port-down` while its interface is down,
//!   `down` with `admin-disabled` when disabled, otherwise state's value or `up`.
//! - oper-down-reason is removed whenever the derived oper-state is `up`.
//!
//! Interfaces that exist only in state keep exactly their state values (plus any override).
//! Works with whatever schema is loaded: each rule is skipped when its nodes are missing.
class SimulatedNode {
 public:
  explicit SimulatedNode(const schema::Schema& schema);

  //! Rewrites the derived leaves of MERGED (running config merged with state) according to the
  //! rules above. RUNNING shows which entries are configured, and OVERLAY holds the overrides
  //! by region and normalised data path. Throws Error(kInternal) if libyang rejects a derived
  //! value.
  void apply(lyd_node* merged, const lyd_node* running, const EphemeralOverlay& overlay) const;

 private:
  struct InterfaceNodes {
    const lysc_node* list = nullptr;
    const lysc_node* admin_state = nullptr;
    const lysc_node* oper_state = nullptr;
    const lysc_node* oper_down_reason = nullptr;
  };
  std::string applyInterface(lyd_node* entry, const lyd_node* running,
                             const EphemeralOverlay& overlay) const;
  void applySubinterface(lyd_node* entry, const std::string& interface_oper,
                         const lyd_node* running) const;

  InterfaceNodes interface_;
  InterfaceNodes subinterface_;
};

}  // namespace eventmgr::datastore
