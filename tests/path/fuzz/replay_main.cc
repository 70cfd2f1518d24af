// Runs the path parser fuzz target without libFuzzer, for compilers that lack it: every
// file of the corpus folders given as arguments, then a fixed number of deterministic
// mutations of each. Bounded by kMutationsPerInput, so it suits a CTest run.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

constexpr int kMutationsPerInput = 3000;

// Characters that matter to the path syntax, preferred when inserting.
constexpr std::string_view kSyntax = " \"\\*{},.[]=/:-0123456789ab";

std::string mutate(std::string input, std::mt19937& random) {
  int edits = 1 + static_cast<int>(random() % 4);
  for (int i = 0; i < edits; ++i) {
    std::size_t position = input.empty() ? 0 : random() % (input.size() + 1);
    switch (random() % 4) {
      case 0:
        input.insert(position, 1, kSyntax[random() % kSyntax.size()]);
        break;
      case 1:
        if (position < input.size()) {
          input.erase(position, 1 + random() % 3);
        }
        break;
      case 2:
        if (position < input.size()) {
          input[position] = static_cast<char>(random() % 256);
        }
        break;
      default:
        input.insert(position, input.substr(random() % (input.size() + 1), random() % 8));
        break;
    }
  }
  return input;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
      std::ifstream file(entry.path(), std::ios::binary);
      std::stringstream text;
      text << file.rdbuf();
      inputs.push_back(text.str());
    }
  }
  std::mt19937 random(20240101);
  std::size_t runs = 0;
  for (const std::string& input : inputs) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    ++runs;
    for (int m = 0; m < kMutationsPerInput; ++m) {
      std::string mutated = mutate(input, random);
      LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(mutated.data()), mutated.size());
      ++runs;
    }
  }
  std::cout << "ran " << runs << " inputs from " << inputs.size() << " corpus files\n";
  return inputs.empty() ? 1 : 0;
}
