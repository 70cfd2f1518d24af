#include "datastore/simulated_node.h"

#include "common/error.h"
#include "datastore/yang_tree.h"

namespace eventmgr::datastore {
namespace {

constexpr const char* kUp = "up";
constexpr const char* kDown = "down";

lyd_node* findChildNode(lyd_node* parent, const lysc_node* schema) {
  if (schema == nullptr) {
    return nullptr;
  }
  for (lyd_node* child = lyd_child(parent); child != nullptr; child = child->next) {
    if (child->schema == schema) {
      return child;
    }
  }
  return nullptr;
}

std::string childValue(lyd_node* parent, const lysc_node* schema) {
  lyd_node* child = findChildNode(parent, schema);
  return child == nullptr ? std::string() : nodeValue(child);
}

bool isConfigured(const lyd_node* entry, const lyd_node* running) {
  if (running == nullptr) {
    return false;
  }
  lyd_node* found = nullptr;
  return lyd_find_path(running, dataPath(entry).c_str(), 0, &found) == LY_SUCCESS;
}

// Sets the leaf SCHEMA under PARENT to VALUE, or removes it when VALUE is empty.
void writeLeaf(lyd_node* parent, const lysc_node* schema, const std::string& value) {
  if (schema == nullptr) {
    return;
  }
  lyd_node* existing = findChildNode(parent, schema);
  if (value.empty()) {
    if (existing != nullptr) {
      lyd_free_tree(existing);
    }
    return;
  }
  LY_ERR status = LY_SUCCESS;
  if (existing != nullptr) {
    status = lyd_change_term(existing, value.c_str());
    status = status == LY_EEXIST || status == LY_ENOT ? LY_SUCCESS : status;
  } else {
    status = lyd_new_term(parent, schema->module, schema->name, value.c_str(), 0, nullptr);
  }
  if (status != LY_SUCCESS) {
    throwLibyangError(LYD_CTX(parent), ErrorKind::kInternal,
                      "simulated value \"" + value + "\" for " + schema->name + " is invalid");
  }
}

}  // namespace

SimulatedNode::SimulatedNode(const schema::Schema& schema) {
  auto resolve = [&schema](const lysc_node* list, InterfaceNodes& nodes) {
    if (list == nullptr) {
      return;
    }
    nodes.list = list;
    nodes.admin_state = schema.findChild(list, "admin-state");
    nodes.oper_state = schema.findChild(list, "oper-state");
    nodes.oper_down_reason = schema.findChild(list, "oper-down-reason");
  };
  const lysc_node* interface = schema.findTopLevel("srl_nokia-interfaces:interface");
  resolve(interface, interface_);
  if (interface != nullptr) {
    resolve(schema.findChild(interface, "subinterface"), subinterface_);
  }
}

void SimulatedNode::apply(lyd_node* merged, const lyd_node* running,
                          const EphemeralOverlay& overlay) const {
  if (interface_.oper_state == nullptr) {
    return;
  }
  for (lyd_node* node = merged; node != nullptr; node = node->next) {
    if (node->schema != interface_.list) {
      continue;
    }
    std::string oper = applyInterface(node, running, overlay);
    if (subinterface_.oper_state == nullptr) {
      continue;
    }
    for (lyd_node* child = lyd_child(node); child != nullptr; child = child->next) {
      if (child->schema == subinterface_.list) {
        applySubinterface(child, oper, running);
      }
    }
  }
}

std::string SimulatedNode::applyInterface(lyd_node* entry, const lyd_node* running,
                                          const EphemeralOverlay& overlay) const {
  std::string oper = childValue(entry, interface_.oper_state);
  std::string reason = childValue(entry, interface_.oper_down_reason);
  // An interface entry is a region of its own, so its key is the entry's path.
  std::string entry_path = dataPath(entry);
  const LeafValue* forced = overlay.find(entry_path, entry_path + "/oper-state");

  if (forced != nullptr && std::holds_alternative<std::string>(*forced)) {
    oper = std::get<std::string>(*forced);
    reason = oper == kDown ? "event-handler" : "";
  } else if (isConfigured(entry, running)) {
    if (childValue(entry, interface_.admin_state) == "disable") {
      oper = kDown;
      reason = "port-admin-disabled";
    } else if (oper.empty()) {
      oper = kUp;
    }
  }
  if (oper == kUp) {
    reason.clear();
  }
  if (!oper.empty()) {
    writeLeaf(entry, interface_.oper_state, oper);
  }
  writeLeaf(entry, interface_.oper_down_reason, reason);
  return oper;
}

void SimulatedNode::applySubinterface(lyd_node* entry, const std::string& interface_oper,
                                      const lyd_node* running) const {
  if (!isConfigured(entry, running)) {
    return;
  }
  std::string oper = childValue(entry, subinterface_.oper_state);
  std::string reason = childValue(entry, subinterface_.oper_down_reason);
  if (interface_oper == kDown) {
    oper = kDown;
    reason = "port-down";
  } else if (childValue(entry, subinterface_.admin_state) == "disable") {
    oper = kDown;
    reason = "admin-disabled";
  } else if (oper.empty()) {
    oper = kUp;
  }
  if (oper == kUp) {
    reason.clear();
  }
  writeLeaf(entry, subinterface_.oper_state, oper);
  writeLeaf(entry, subinterface_.oper_down_reason, reason);
}

}  // namespace eventmgr::datastore
