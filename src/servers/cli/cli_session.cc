#include "servers/cli/cli_session.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "common/error.h"
#include "datastore/cli_text.h"
#include "path/parser.h"
#include "path/tokenizer.h"

namespace eventmgr::servers {
namespace {

std::string trim(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) {
    return "";
  }
  auto end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

// Returns true and stores the text after PREFIX (a whole word sequence) in REST.
bool startsWithWords(const std::string& command, const std::string& prefix, std::string& rest) {
  if (command.compare(0, prefix.size(), prefix) != 0) {
    return false;
  }
  if (command.size() > prefix.size() && command[prefix.size()] != ' ') {
    return false;
  }
  rest = trim(command.substr(prefix.size()));
  return true;
}

// Removes a leading "/" word from a path given to set and delete (`set / interface ...`).
std::string stripRoot(const std::string& text) {
  std::string rest = trim(text);
  if (rest == "/") {
    return "";
  }
  if (rest.rfind("/ ", 0) == 0) {
    return trim(rest.substr(2));
  }
  return rest;
}

std::string valueText(const datastore::LeafValue& value) {
  return datastore::describeValue(value);
}

}  // namespace

std::string CliSession::run(const std::string& raw_command, CliFormat format) {
  std::string command = trim(raw_command);
  // `| as json` at the end of a command selects JSON output, as in SR Linux.
  const std::string json_suffix = "| as json";
  if (command.size() >= json_suffix.size() &&
      command.compare(command.size() - json_suffix.size(), json_suffix.size(), json_suffix) == 0) {
    command = trim(command.substr(0, command.size() - json_suffix.size()));
    format = CliFormat::kJson;
  }
  if (command.empty() || command[0] == '#') {
    return "";
  }

  std::string rest;
  if (startsWithWords(command, "enter", rest)) {
    if (rest == "candidate") {
      mode_ = CliMode::kCandidate;
    } else if (rest == "running") {
      mode_ = CliMode::kRunning;
    } else if (rest == "state") {
      mode_ = CliMode::kState;
    } else {
      throw Error(ErrorKind::kInvalidArgument,
                  "invalid mode \"" + rest + "\"; expected candidate, running or state");
    }
    return "";
  }
  if (startsWithWords(command, "info", rest)) {
    std::istringstream words_stream(rest);
    std::vector<std::string> words;
    std::string word;
    while (words_stream >> word) {
      words.push_back(word);
    }
    return info(words, rest, format);
  }
  if (startsWithWords(command, "state set", rest)) {
    return state("set " + rest);
  }
  if (startsWithWords(command, "state delete", rest)) {
    return state("delete " + rest);
  }
  if (startsWithWords(command, "set", rest)) {
    return edit(false, rest);
  }
  if (startsWithWords(command, "delete", rest)) {
    return edit(true, rest);
  }
  if (startsWithWords(command, "commit", rest)) {
    std::istringstream words_stream(rest);
    std::vector<std::string> words;
    std::string word;
    while (words_stream >> word) {
      words.push_back(word);
    }
    return commit(words);
  }
  if (startsWithWords(command, "discard", rest)) {
    datastore_.discardCandidate();
    if (rest == "now") {
      mode_ = CliMode::kRunning;
    }
    return "Discarded the changes of the candidate.";
  }
  if (startsWithWords(command, "diff", rest)) {
    return diff();
  }
  if (startsWithWords(command, "tools", rest)) {
    try {
      return datastore_.tools().run(rest, "");
    } catch (const Error& error) {
      // `tools PATH VALUE`: retry with the last word as the value.
      auto space = rest.find_last_of(' ');
      if (error.kind() != ErrorKind::kNotFound || space == std::string::npos) {
        throw;
      }
      try {
        return datastore_.tools().run(rest.substr(0, space), rest.substr(space + 1));
      } catch (const Error& second) {
        if (second.kind() == ErrorKind::kNotFound) {
          throw error;
        }
        throw;
      }
    }
  }
  if (startsWithWords(command, "show event-handler", rest)) {
    return showEventHandler(rest);
  }
  throw Error(ErrorKind::kInvalidArgument,
              "unknown command \"" + command +
                  "\"; expected enter, info, set, delete, commit, discard, diff, tools, "
                  "state set, state delete or show event-handler");
}

std::string CliSession::info(const std::vector<std::string>& words, const std::string& rest,
                             CliFormat format) {
  datastore::DataView view = mode_ == CliMode::kCandidate ? datastore::DataView::kCandidate
                             : mode_ == CliMode::kState   ? datastore::DataView::kMerged
                                                          : datastore::DataView::kRunning;
  std::string path_text = rest;
  if (words.size() >= 2 && words[0] == "from") {
    if (words[1] == "state") {
      view = datastore::DataView::kMerged;
    } else if (words[1] == "running") {
      view = datastore::DataView::kRunning;
    } else if (words[1] == "candidate") {
      view = datastore::DataView::kCandidate;
    } else {
      throw Error(ErrorKind::kInvalidArgument,
                  "invalid datastore \"" + words[1] + "\"; expected running, candidate or state");
    }
    path_text = trim(rest.substr(rest.find(words[1]) + words[1].size()));
  }
  path_text = stripRoot(path_text);

  auto pattern = path::parsePattern(datastore_.schema(), path_text);
  if (auto concrete = pattern.toConcrete()) {
    return datastore_.getSubtree(*concrete, view,
                                 format == CliFormat::kJson ? datastore::ConfigFormat::kSrlJson
                                                            : datastore::ConfigFormat::kBrace);
  }
  // A wildcard or range: list each matching leaf of the merged view.
  std::string out;
  for (const auto& leaf : datastore_.getMatching(pattern)) {
    out += leaf.path.toCli() + " " + valueText(leaf.value) + "\n";
  }
  return out;
}

std::string CliSession::edit(bool remove, const std::string& rest) {
  std::string text = stripRoot(rest);
  if (text.empty()) {
    throw Error(ErrorKind::kInvalidArgument,
                std::string(remove ? "delete" : "set") + " needs a path, e.g. " +
                    (remove ? "delete / interface ethernet-1/1 description"
                            : "set / interface ethernet-1/1 description uplink"));
  }
  datastore::Operation operation;
  if (remove) {
    operation = datastore::Operation::remove(path::parseConcretePath(datastore_.schema(), text));
  } else {
    auto parsed = path::parsePathWithValue(datastore_.schema(), text);
    operation = datastore::Operation::set(parsed.path,
                                          datastore::valueFromTokens(parsed.value, text.size()));
  }
  datastore_.editCandidate({operation});
  // Editing from running mode starts a candidate session, so one-shot commands need no enter.
  if (mode_ == CliMode::kRunning) {
    mode_ = CliMode::kCandidate;
  }
  return "";
}

std::string CliSession::commit(const std::vector<std::string>& words) {
  std::string how = words.empty() ? "now" : words[0];
  if (how == "validate") {
    datastore_.validateCandidate();
    return "Validated the candidate: no errors.";
  }
  if (how != "now" && how != "stay" && how != "save") {
    throw Error(ErrorKind::kInvalidArgument,
                "invalid commit \"" + how + "\"; expected now, stay, save or validate");
  }
  auto sequence = datastore_.commitCandidate();
  std::string out = sequence == 0 ? "No changes to commit." : "All changes have been committed.";
  if (how == "save") {
    datastore_.saveStartup();
    out += " Saved the running configuration as the startup configuration.";
  }
  if (how == "now") {
    mode_ = CliMode::kRunning;
  }
  return out;
}

std::string CliSession::state(const std::string& rest) {
  bool remove = rest.rfind("delete ", 0) == 0;
  std::string text = stripRoot(rest.substr(remove ? 7 : 4));
  datastore::Operation operation;
  if (remove) {
    operation = datastore::Operation::remove(path::parseConcretePath(datastore_.schema(), text));
  } else {
    auto parsed = path::parsePathWithValue(datastore_.schema(), text);
    if (parsed.value.empty()) {
      throw Error(ErrorKind::kInvalidArgument,
                  "state set needs a value after the path \"" + text + "\"");
    }
    operation = datastore::Operation::set(parsed.path,
                                          datastore::valueFromTokens(parsed.value, text.size()));
  }
  auto sequence = datastore_.writeState({operation});
  // Wait until subscribers (the event handler) have seen the change, so that a following
  // command observes its effects in order.
  if (sequence != 0) {
    datastore_.waitForDelivery(sequence);
  }
  return "";
}

std::string CliSession::diff() {
  auto lines = [](const std::string& text) {
    std::set<std::string> result;
    std::istringstream stream(text);
    std::string line;
    while (std::getline(stream, line)) {
      if (!trim(line).empty()) {
        result.insert(line);
      }
    }
    return result;
  };
  path::ConcretePath root;
  auto running = lines(
      datastore_.getSubtree(root, datastore::DataView::kRunning, datastore::ConfigFormat::kFlat));
  auto candidate = lines(
      datastore_.getSubtree(root, datastore::DataView::kCandidate, datastore::ConfigFormat::kFlat));
  std::string out;
  for (const auto& line : running) {
    if (candidate.count(line) == 0) {
      out += "- " + line + "\n";
    }
  }
  for (const auto& line : candidate) {
    if (running.count(line) == 0) {
      out += "+ " + line + "\n";
    }
  }
  return out;
}

std::string CliSession::showHistory(const std::string& instance) {
  auto pattern = path::parsePattern(
      datastore_.schema(),
      "system event-handler instance " + path::quoteValue(instance) + " history execution *");
  // execution id -> leaf path below the execution -> value
  std::map<std::uint64_t, std::map<std::string, datastore::LeafValue>> executions;
  for (const auto& leaf : datastore_.getMatching(pattern)) {
    const auto& elements = leaf.path.elements();
    if (elements.size() < 6 || elements[4].keys.empty()) {
      continue;
    }
    std::string below;
    for (std::size_t i = 5; i < elements.size(); ++i) {
      below += (below.empty() ? "" : " ") + elements[i].name;
      if (!elements[i].keys.empty()) {
        below += " " + elements[i].keys[0];
      }
    }
    executions[std::stoull(elements[4].keys[0])][below] = leaf.value;
  }
  if (executions.empty()) {
    auto config = datastore_.getSubtree(
        path::parseConcretePath(datastore_.schema(),
                                "system event-handler instance " + path::quoteValue(instance)),
        datastore::DataView::kRunning, datastore::ConfigFormat::kFlat);
    if (config.find_first_not_of(" \n") == std::string::npos) {
      throw Error(ErrorKind::kNotFound,
                  "event-handler instance \"" + instance + "\" is not configured");
    }
    return "No executions of " + instance + " are recorded.\n";
  }
  auto text = [](const std::map<std::string, datastore::LeafValue>& leaves,
                 const std::string& name) -> std::string {
    auto found = leaves.find(name);
    if (found == leaves.end()) {
      return "";
    }
    return valueText(found->second);
  };
  std::string out;
  for (const auto& [id, leaves] : executions) {
    std::string reason = text(leaves, "oper-down-reason");
    out += fmt::format("#{} {} at {}: {} ({} us in the script)\n", id, text(leaves, "trigger"),
                       text(leaves, "start-time"), reason.empty() ? "ok" : reason,
                       text(leaves, "upython-duration"));
    if (auto changed = leaves.find("changed-paths"); changed != leaves.end()) {
      if (const auto* items = std::get_if<std::vector<std::string>>(&changed->second)) {
        for (const auto& item : *items) {
          out += "    changed: " + item + "\n";
        }
      }
    }
    if (!reason.empty()) {
      out += "    detail:  " + text(leaves, "oper-down-reason-detail") + "\n";
    }
    for (int index = 0;; ++index) {
      std::string prefix = "action " + std::to_string(index) + " ";
      if (leaves.count(prefix + "name") == 0) {
        break;
      }
      std::string target;
      std::string value;
      try {
        auto parameters = nlohmann::json::parse(text(leaves, prefix + "parameters"));
        target = parameters.value("target", "");
        value = parameters.value("value", "");
      } catch (const nlohmann::json::exception&) {
      }
      out += fmt::format("    {:<12} {} {}{}\n", text(leaves, prefix + "result"),
                         text(leaves, prefix + "name"), target, value.empty() ? "" : " = " + value);
    }
  }
  return out;
}

std::string CliSession::showEventHandler(const std::string& rest) {
  const std::string history_suffix = " history";
  if (rest.size() > history_suffix.size() &&
      rest.compare(rest.size() - history_suffix.size(), history_suffix.size(), history_suffix) ==
          0) {
    return showHistory(trim(rest.substr(0, rest.size() - history_suffix.size())));
  }
  std::string selector = rest.empty() ? "*" : path::quoteValue(rest);
  auto pattern =
      path::parsePattern(datastore_.schema(), "system event-handler instance " + selector);
  // instance name -> leaf path below the instance -> value
  std::map<std::string, std::map<std::string, std::string>> instances;
  for (const auto& leaf : datastore_.getMatching(pattern)) {
    const auto& elements = leaf.path.elements();
    if (elements.size() < 4 || elements[2].keys.empty()) {
      continue;
    }
    std::string below;
    for (std::size_t i = 3; i < elements.size(); ++i) {
      below += (below.empty() ? "" : " ") + elements[i].name;
    }
    instances[elements[2].keys[0]][below] = valueText(leaf.value);
  }
  if (instances.empty()) {
    if (!rest.empty()) {
      throw Error(ErrorKind::kNotFound,
                  "event-handler instance \"" + rest + "\" is not configured");
    }
    return "No event-handler instances are configured.\n";
  }
  auto get = [](const std::map<std::string, std::string>& leaves, const std::string& name,
                const std::string& fallback = "-") {
    auto found = leaves.find(name);
    return found == leaves.end() || found->second.empty() ? fallback : found->second;
  };
  std::string out = fmt::format("{:<20} {:<8} {:<9} {:<29} {:>10} {:<24} {:>6} {:>6} {:>6}\n",
                                "Instance", "Admin", "Oper", "Last execution", "Duration", "Reason",
                                "Runs", "Errors", "Tmout");
  for (const auto& [name, leaves] : instances) {
    out += fmt::format("{:<20} {:<8} {:<9} {:<29} {:>10} {:<24} {:>6} {:>6} {:>6}\n", name,
                       get(leaves, "admin-state", "disable"), get(leaves, "oper-state"),
                       get(leaves, "last-execution end-time"),
                       get(leaves, "last-execution upython-duration") +
                           (leaves.count("last-execution upython-duration") ? "us" : ""),
                       get(leaves, "last-execution oper-down-reason"),
                       get(leaves, "statistics execution-count", "0"),
                       get(leaves, "statistics execution-errors", "0"),
                       get(leaves, "statistics execution-timeouts", "0"));
  }
  return out;
}

}  // namespace eventmgr::servers
