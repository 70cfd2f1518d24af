#include "datastore/datastore.h"

namespace eventmgr::datastore {

Operation Operation::set(path::ConcretePath path, LeafValue value) {
  Operation operation;
  operation.kind = Kind::kSet;
  operation.path = std::move(path);
  operation.value = std::move(value);
  return operation;
}

Operation Operation::remove(path::ConcretePath path) {
  Operation operation;
  operation.kind = Kind::kDelete;
  operation.path = std::move(path);
  return operation;
}

Operation Operation::mergeJson(path::ConcretePath path, std::string json) {
  Operation operation;
  operation.kind = Kind::kMergeJson;
  operation.path = std::move(path);
  operation.json = std::move(json);
  return operation;
}

}  // namespace eventmgr::datastore
