#include "cli/shell/shell.h"

#include <httplib.h>
#include <readline/history.h>
#include <readline/readline.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "schema/node.h"

namespace eventmgr::cli::shell {

namespace {

const std::vector<std::string> kCommands = {"commit", "delete", "diff",  "discard",
                                            "enter",  "exit",   "info",  "quit",
                                            "set",    "show",   "state", "tools"};

// Words that may follow a command before the path starts.
const std::vector<std::pair<std::string, std::vector<std::string>>> kArguments = {
    {"enter", {"candidate", "running", "state"}},
    {"commit", {"now", "save", "stay", "validate"}},
    {"discard", {"now"}},
    {"state", {"set", "delete"}},
    {"show", {"event-handler"}},
    {"info", {"from"}},
    {"from", {"running", "candidate", "state"}},
};

std::vector<std::string> splitWords(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream stream(text);
  std::string word;
  while (stream >> word) {
    words.push_back(word);
  }
  return words;
}

std::vector<std::string> withPrefix(const std::vector<std::string>& names,
                                    const std::string& prefix) {
  std::vector<std::string> matches;
  for (const auto& name : names) {
    if (name.starts_with(prefix)) {
      matches.push_back(name);
    }
  }
  return matches;
}

// The schema and readline's completion callback need shared state, because readline takes a
// plain function pointer.
const schema::Schema* completion_schema = nullptr;
std::vector<std::string> completion_matches;

char* nextMatch(const char* word, int state) {
  if (state == 0) {
    completion_matches = completeWord(*completion_schema, rl_line_buffer,
                                      static_cast<std::size_t>(rl_point) - std::strlen(word), word);
  }
  auto index = static_cast<std::size_t>(state);
  if (index >= completion_matches.size()) {
    return nullptr;
  }
  return strdup(completion_matches[index].c_str());
}

char** completeLine(const char* word, int /*start*/, int /*end*/) {
  rl_attempted_completion_over = 1;  // no file name completion
  return rl_completion_matches(word, nextMatch);
}

std::string modeName(const std::string& mode) {
  return "--{ " + mode + " }--";
}

}  // namespace

std::vector<std::string> completeWord(const schema::Schema& schema, const std::string& line,
                                      std::size_t start, const std::string& word) {
  std::vector<std::string> before = splitWords(line.substr(0, std::min(start, line.size())));
  if (before.empty()) {
    return withPrefix(kCommands, word);
  }
  // Skip the command and its fixed arguments, remembering which fixed words may follow.
  std::size_t index = 0;
  std::vector<std::string> fixed;
  while (index < before.size()) {
    const std::vector<std::string>* next = nullptr;
    for (const auto& [name, arguments] : kArguments) {
      if (name == before[index]) {
        next = &arguments;
      }
    }
    bool is_command = index == 0;
    bool is_fixed = false;
    for (const auto& candidate : fixed) {
      is_fixed = is_fixed || candidate == before[index];
    }
    if (!is_command && !is_fixed) {
      break;
    }
    fixed = next != nullptr ? *next : std::vector<std::string>{};
    ++index;
  }
  if (index < before.size() && before[index] == "/") {
    ++index;
  }

  // Walk the schema: a container or list name moves down; after a list, one word is its key.
  schema::Tree tree = before.front() == "tools" ? schema::Tree::kTools : schema::Tree::kData;
  const lysc_node* node = nullptr;
  bool expect_key = false;
  for (; index < before.size(); ++index) {
    if (expect_key) {
      expect_key = false;
      continue;
    }
    const lysc_node* child = node == nullptr ? schema.findTopLevel(before[index], tree)
                                             : schema.findChild(node, before[index]);
    if (child == nullptr) {
      return {};
    }
    node = child;
    expect_key = schema::nodeKind(node) == schema::NodeKind::kList;
  }
  if (expect_key) {
    return {};  // a key value: nothing to offer
  }
  std::vector<std::string> names = withPrefix(fixed, word);
  if (node == nullptr || schema::nodeKind(node) == schema::NodeKind::kContainer ||
      schema::nodeKind(node) == schema::NodeKind::kList) {
    for (const auto& name : withPrefix(schema.childNames(node, tree), word)) {
      names.push_back(name);
    }
  }
  return names;
}

int runShell(const ShellOptions& options) {
  auto schema = schema::Schema::builtin();
  completion_schema = schema.get();
  rl_attempted_completion_function = completeLine;

  const char* home = std::getenv("HOME");
  std::string history_file =
      home != nullptr ? (std::filesystem::path(home) / ".eventmgr_history").string() : "";
  if (!history_file.empty()) {
    read_history(history_file.c_str());
  }

  httplib::Client client(options.host, options.port);
  client.set_connection_timeout(5, 0);
  client.set_read_timeout(60, 0);
  if (!options.username.empty()) {
    client.set_basic_auth(options.username, options.password);
  }

  std::string mode = "running";
  std::cout << "eventmgr interactive CLI on " << options.host << ":" << options.port
            << ". Tab completes commands and paths; quit ends the session.\n";
  for (;;) {
    std::string prompt = modeName(mode) + "\nA:eventmgr# ";
    std::unique_ptr<char, decltype(&std::free)> input(readline(prompt.c_str()), &std::free);
    if (!input) {
      std::cout << '\n';
      break;
    }
    std::string line = input.get();
    std::vector<std::string> words = splitWords(line);
    if (words.empty()) {
      continue;
    }
    add_history(line.c_str());
    if (words[0] == "quit" || words[0] == "exit") {
      break;
    }

    nlohmann::json commands = nlohmann::json::array({"enter " + mode, line});
    nlohmann::json request = {{"jsonrpc", "2.0"},
                              {"id", 1},
                              {"method", "cli"},
                              {"params", {{"commands", commands}, {"output-format", "text"}}}};
    auto response = client.Post("/jsonrpc", request.dump(), "application/json");
    if (!response) {
      std::cout << "Error: cannot reach eventmgr at " << options.host << ":" << options.port << " ("
                << httplib::to_string(response.error()) << ")\n";
      continue;
    }
    nlohmann::json reply = nlohmann::json::parse(response->body, nullptr, false);
    if (response->status != 200 || reply.is_discarded()) {
      std::cout << "Error: the server returned HTTP " << response->status << ": " << response->body
                << '\n';
      continue;
    }
    if (reply.contains("error")) {
      std::cout << "Error: " << reply["error"].value("message", reply["error"].dump()) << '\n';
      continue;
    }
    // As in SR Linux, `commit now`, `commit save` and `discard now` return to running mode.
    if (words[0] == "enter" && words.size() == 2) {
      mode = words[1];
    } else if (words.size() == 2 &&
               ((words[0] == "commit" && (words[1] == "now" || words[1] == "save")) ||
                (words[0] == "discard" && words[1] == "now"))) {
      mode = "running";
    }
    const auto& results = reply["result"];
    for (std::size_t i = 1; i < results.size(); ++i) {
      const auto& result = results[i];
      std::string text = result.is_object() && result.contains("text")
                             ? result["text"].get<std::string>()
                             : result.dump(4);
      std::cout << text;
      if (!text.empty() && text.back() != '\n') {
        std::cout << '\n';
      }
    }
  }
  if (!history_file.empty()) {
    write_history(history_file.c_str());
  }
  return 0;
}

}  // namespace eventmgr::cli::shell
