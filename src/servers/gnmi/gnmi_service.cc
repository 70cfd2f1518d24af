#include "servers/gnmi/gnmi_service.h"

#include <libyang/libyang.h>
#include <spdlog/spdlog.h>

#include <set>

#include "common/error.h"
#include "servers/gnmi/gnmi_convert.h"
#include "servers/gnmi/path_selector.h"
#include "servers/gnmi/subscribe_session.h"

namespace eventmgr::servers::gnmi {

namespace {

bool isConfigNode(const lysc_node* node) {
  return node != nullptr && (node->flags & LYS_CONFIG_W) != 0;
}

bool wantsLeaf(::gnmi::GetRequest::DataType type, const lysc_node* node) {
  switch (type) {
    case ::gnmi::GetRequest::CONFIG:
      return isConfigNode(node);
    case ::gnmi::GetRequest::STATE:
    case ::gnmi::GetRequest::OPERATIONAL:
      return !isConfigNode(node);
    default:
      return true;
  }
}

// Returns "OPERATION N PATH: CODE: MESSAGE", the form of ABORTED messages of Set.
std::string describeFailure(const char* operation, int index, const path::GnmiPath& path,
                            const std::exception& error) {
  return std::string(operation) + " " + std::to_string(index) + " " + path::formatGnmiPath(path) +
         ": " + statusCodeName(statusCodeOf(error)) + ": " + error.what();
}

}  // namespace

GnmiService::GnmiService(datastore::Datastore& datastore, GnmiServiceOptions options)
    : datastore_(datastore), options_(std::move(options)) {}

grpc::Status GnmiService::authenticate(const grpc::CallbackServerContext& context) const {
  if (!options_.username || !options_.password) {
    return grpc::Status::OK;
  }
  const auto& metadata = context.client_metadata();
  auto user = metadata.find("username");
  auto password = metadata.find("password");
  if (user == metadata.end() || password == metadata.end()) {
    return {grpc::UNAUTHENTICATED, "missing metadata username and password"};
  }
  if (std::string(user->second.data(), user->second.size()) != *options_.username ||
      std::string(password->second.data(), password->second.size()) != *options_.password) {
    return {grpc::UNAUTHENTICATED, "invalid username or password"};
  }
  return grpc::Status::OK;
}

grpc::ServerUnaryReactor* GnmiService::finish(grpc::CallbackServerContext* context,
                                              const char* method, grpc::Status status) {
  ++statistics_.rpcs_total;
  if (!status.ok()) {
    ++statistics_.rpc_errors_total;
    spdlog::info("gNMI {} from {} failed: {}: {}", method, context->peer(),
                 statusCodeName(status.error_code()), status.error_message());
  }
  auto* reactor = context->DefaultReactor();
  reactor->Finish(status);
  return reactor;
}

grpc::ServerUnaryReactor* GnmiService::Capabilities(grpc::CallbackServerContext* context,
                                                    const ::gnmi::CapabilityRequest* /*request*/,
                                                    ::gnmi::CapabilityResponse* response) {
  grpc::Status status = authenticate(*context);
  if (status.ok()) {
    const schema::Schema& schema = datastore_.schema();
    for (const std::string& name : schema.moduleNames()) {
      auto* model = response->add_supported_models();
      model->set_name(name);
      const lys_module* module = ly_ctx_get_module_implemented(schema.context(), name.c_str());
      if (module != nullptr) {
        model->set_organization(module->org != nullptr ? module->org : "");
        model->set_version(module->revision != nullptr ? module->revision : "");
      }
    }
    response->add_supported_encodings(::gnmi::JSON);
    response->add_supported_encodings(::gnmi::JSON_IETF);
    response->set_gnmi_version("0.10.0");
  }
  return finish(context, "Capabilities", status);
}

grpc::ServerUnaryReactor* GnmiService::Get(grpc::CallbackServerContext* context,
                                           const ::gnmi::GetRequest* request,
                                           ::gnmi::GetResponse* response) {
  grpc::Status status = authenticate(*context);
  if (status.ok()) {
    status = get(*request, *response);
  }
  return finish(context, "Get", status);
}

grpc::Status GnmiService::get(const ::gnmi::GetRequest& request, ::gnmi::GetResponse& response) {
  if (request.encoding() != ::gnmi::JSON && request.encoding() != ::gnmi::JSON_IETF) {
    return {grpc::UNIMPLEMENTED, "encoding " + ::gnmi::Encoding_Name(request.encoding()) +
                                     " is not supported; use JSON or JSON_IETF"};
  }
  bool ietf = request.encoding() == ::gnmi::JSON_IETF;
  std::vector<::gnmi::Path> paths(request.path().begin(), request.path().end());
  if (paths.empty()) {
    paths.emplace_back();  // no path: the whole tree
  }
  for (const auto& requested : paths) {
    path::GnmiPath full;
    std::vector<datastore::MatchedLeaf> leaves;
    try {
      full = joinPaths(request.prefix(), requested);
      PathSelector selector(datastore_.schema(), full);
      leaves = selector.read(datastore_);
    } catch (const std::exception& error) {
      return {statusCodeOf(error), path::formatGnmiPath(full) + ": " + error.what()};
    }
    auto* notification = response.add_notification();
    notification->set_timestamp(nowNanoseconds());
    if (!request.prefix().target().empty()) {
      notification->mutable_prefix()->set_target(request.prefix().target());
    }
    for (const auto& leaf : leaves) {
      const lysc_node* node = leaf.path.schemaNode();
      if (!wantsLeaf(request.type(), node)) {
        continue;
      }
      auto* update = notification->add_update();
      *update->mutable_path() = toProto(path::toGnmiPath(leaf.path));
      std::string json = leafToJson(node, leaf.value);
      if (ietf) {
        update->mutable_val()->set_json_ietf_val(std::move(json));
      } else {
        update->mutable_val()->set_json_val(std::move(json));
      }
    }
    if (notification->update_size() == 0) {
      return {grpc::NOT_FOUND, "no data at " + path::formatGnmiPath(full) + " (type " +
                                   ::gnmi::GetRequest::DataType_Name(request.type()) + ")"};
    }
  }
  return grpc::Status::OK;
}

grpc::ServerUnaryReactor* GnmiService::Set(grpc::CallbackServerContext* context,
                                           const ::gnmi::SetRequest* request,
                                           ::gnmi::SetResponse* response) {
  grpc::Status status = authenticate(*context);
  if (status.ok()) {
    status = set(*request, *response);
  }
  return finish(context, "Set", status);
}

grpc::Status GnmiService::set(const ::gnmi::SetRequest& request, ::gnmi::SetResponse& response) {
  if (request.union_replace_size() > 0) {
    return {grpc::UNIMPLEMENTED, "union_replace is not supported; use replace and update"};
  }
  std::vector<datastore::Operation> operations;
  auto addResult = [&](const ::gnmi::Path& requested, ::gnmi::UpdateResult::Operation op) {
    auto* result = response.add_response();
    *result->mutable_path() = requested;
    result->set_op(op);
  };

  // Deletes first: wildcards expand to the existing config nodes they name, and a path that
  // names nothing is accepted.
  for (int i = 0; i < request.delete__size(); ++i) {
    path::GnmiPath full;
    try {
      full = joinPaths(request.prefix(), request.delete_(i));
      PathSelector selector(datastore_.schema(), full);
      if (selector.isConcrete()) {
        operations.push_back(
            datastore::Operation::remove(path::fromGnmiPath(datastore_.schema(), full)));
      } else if (selector.hasRecursiveWildcard()) {
        throw Error(ErrorKind::kInvalidArgument, "\"...\" is not supported in a delete path");
      } else {
        std::set<path::ConcretePath> nodes;
        for (const auto& leaf : selector.read(datastore_)) {
          path::ConcretePath node = leaf.path.parent(leaf.path.size() - selector.depth());
          if (isConfigNode(node.schemaNode())) {
            nodes.insert(std::move(node));
          }
        }
        for (const auto& node : nodes) {
          operations.push_back(datastore::Operation::remove(node));
        }
      }
    } catch (const std::exception& error) {
      return {grpc::ABORTED, describeFailure("delete", i, full, error)};
    }
    addResult(request.delete_(i), ::gnmi::UpdateResult::DELETE);
  }

  auto addWrites = [&](const google::protobuf::RepeatedPtrField<::gnmi::Update>& updates,
                       bool replace) -> grpc::Status {
    for (int i = 0; i < updates.size(); ++i) {
      path::GnmiPath full;
      try {
        full = joinPaths(request.prefix(), updates[i].path());
        path::ConcretePath target = path::fromGnmiPath(datastore_.schema(), full);
        std::string json = typedValueToJson(updates[i].val());
        if (replace) {
          operations.push_back(datastore::Operation::remove(target));
        }
        operations.push_back(datastore::Operation::mergeJson(std::move(target), std::move(json)));
      } catch (const std::exception& error) {
        return {grpc::ABORTED, describeFailure(replace ? "replace" : "update", i, full, error)};
      }
      addResult(updates[i].path(),
                replace ? ::gnmi::UpdateResult::REPLACE : ::gnmi::UpdateResult::UPDATE);
    }
    return grpc::Status::OK;
  };
  if (grpc::Status status = addWrites(request.replace(), true); !status.ok()) {
    return status;
  }
  if (grpc::Status status = addWrites(request.update(), false); !status.ok()) {
    return status;
  }

  if (!operations.empty()) {
    try {
      datastore_.commit(operations);
    } catch (const std::exception& error) {
      return {grpc::ABORTED, std::string("transaction failed: ") +
                                 statusCodeName(statusCodeOf(error)) + ": " + error.what()};
    }
  }
  if (!request.prefix().target().empty()) {
    response.mutable_prefix()->set_target(request.prefix().target());
  }
  response.set_timestamp(nowNanoseconds());
  return grpc::Status::OK;
}

grpc::ServerBidiReactor<::gnmi::SubscribeRequest, ::gnmi::SubscribeResponse>*
GnmiService::Subscribe(grpc::CallbackServerContext* context) {
  ++statistics_.rpcs_total;
  return new SubscribeSession(datastore_, options_, statistics_, authenticate(*context),
                              context->peer());
}

}  // namespace eventmgr::servers::gnmi
