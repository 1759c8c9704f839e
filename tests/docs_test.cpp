// Tested docs: the `## Bad` example of every check's check.md must produce at least one finding
// of that check, and its `## Good` example none.
//
// How a doc section becomes an inventory in a temporary folder:
// - Every fenced code block of the section is written; several blocks make several files.
// - A block goes to a default file picked by its fence language and the check's platform (the
//   first of kubespray, rke2, kubeup it applies to): ```ini -> inventory.ini; ```yaml -> for
//   Kubespray group_vars/all/all.yml, for RKE2 config.yaml; ```sh, ```bash, ```env -> kube-up.env.
// - A line `# file: PATH` (`; file: PATH` in INI) in a block starts a file named PATH (relative to
//   the inventory) holding the lines that follow it; lines before it go to the default file. The
//   line itself is not written. Two parts naming the same file are an error.
// - A line `<!-- kubespray-version: X -->` or `<!-- rke2-version: V -->` in the section, outside
//   the blocks, picks the release, as `--kubespray-version` / `--rke2-version` would.
// - A Kubespray example of group_vars/ and host_vars/ files only gets a minimal hosts file
//   inventory.ini: cp1 in kube_control_plane and etcd, worker1 in kube_node, both in k8s_cluster.
// Then the folder is loaded as `kubegate lint` would (platform detected), it must load without
// errors, and only the doc's check runs. One doc: kubegate_tests "[docs]" -c ID [-c bad|good].
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "engine/engine.hpp"
#include "kubegate/check.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using namespace kubegate;

namespace {

/// The files one doc section describes (relative path -> text), its release choice, and what was wrong with it.
struct Example {
  std::map<std::string, std::string> files;
  std::string kubespray_version;
  std::string rke2_version;
  std::vector<std::string> problems;
};

/// The hosts file added to a Kubespray example that has none.
const char* const kDefaultHosts =
    "[kube_control_plane]\ncp1 ansible_host=10.0.0.1\n\n[etcd:children]\nkube_control_plane\n\n"
    "[kube_node]\nworker1 ansible_host=10.0.0.4\n\n[k8s_cluster:children]\nkube_control_plane\nkube_node\n";

/// The platform whose file names a doc's examples default to.
Platform doc_platform(unsigned platforms) {
  if (platforms & kKubespray) return Platform::kubespray;
  if (platforms & kRke2) return Platform::rke2;
  return Platform::kubeup;
}

/// The default file of a block in `language` for `platform`; empty when there is none.
std::string default_file(const std::string& language, Platform platform) {
  if (language == "ini") return "inventory.ini";
  if (language == "yaml" || language == "yml") {
    if (platform == Platform::kubespray) return "group_vars/all/all.yml";
    if (platform == Platform::rke2) return "config.yaml";
  }
  if (language == "sh" || language == "bash" || language == "env") return "kube-up.env";
  return "";
}

/// The text of `line` after `key` when the line is the comment `# key` or `; key`, else nullopt.
std::optional<std::string> directive(const std::string& line, const std::string& key) {
  std::size_t at = line.find_first_not_of(" \t");
  if (at == std::string::npos || (line[at] != '#' && line[at] != ';')) return std::nullopt;
  at = line.find_first_not_of(" \t", at + 1);
  if (at == std::string::npos || line.compare(at, key.size(), key) != 0) return std::nullopt;
  std::string value = line.substr(at + key.size());
  value.erase(0, value.find_first_not_of(" \t"));
  value.erase(value.find_last_not_of(" \t\r") + 1);
  return value;
}

/// The lines of the section under `heading` ("## Bad"), up to the next `## ` heading.
std::vector<std::string> section(const std::string& doc, const std::string& heading) {
  std::vector<std::string> out;
  std::istringstream in(doc);
  std::string line;
  bool inside = false, fenced = false;
  while (std::getline(in, line)) {
    if (line.rfind("```", 0) == 0) fenced = !fenced;
    if (!fenced && line.rfind("## ", 0) == 0) {
      if (inside) break;
      inside = line == heading;
      continue;
    }
    if (inside) out.push_back(line);
  }
  return out;
}

/// Turns one doc section into files by the convention at the top of this file.
Example example(const std::vector<std::string>& lines, Platform platform) {
  Example ex;
  // A block's lines before its first `# file:` go to the default file, unless they are blank.
  auto add = [&](const std::string& file, const std::string& text, bool named) {
    if (!named && text.find_first_not_of(" \n") == std::string::npos) return;
    if (file.empty()) return ex.problems.push_back("a block whose language names no default file and no # file:");
    if (fs::path(file).is_absolute() || file.find("..") != std::string::npos)
      return ex.problems.push_back("a file outside the inventory: " + file);
    if (!ex.files.emplace(file, text).second) ex.problems.push_back("two parts write " + file);
  };
  std::string file, text;
  bool fenced = false, named = false;
  for (const std::string& line : lines) {
    if (line.rfind("```", 0) == 0) {
      if (fenced) {
        add(file, text, named);
      } else {
        file = default_file(line.substr(3), platform);
        text.clear();
        named = false;
      }
      fenced = !fenced;
    } else if (fenced) {
      if (auto path = directive(line, "file:")) {
        add(file, text, named);
        file = *path;
        text.clear();
        named = true;
      } else {
        text += line + "\n";
      }
    } else if (line.rfind("<!-- kubespray-version:", 0) == 0 || line.rfind("<!-- rke2-version:", 0) == 0) {
      std::string value = line.substr(line.find(':') + 1);
      value = value.substr(0, value.find("-->"));
      value.erase(0, value.find_first_not_of(' '));
      value.erase(value.find_last_not_of(' ') + 1);
      (line[5] == 'k' ? ex.kubespray_version : ex.rke2_version) = value;
    }
  }
  if (fenced) ex.problems.push_back("an unterminated code block");
  if (ex.files.empty()) ex.problems.push_back("no code block");
  if (platform == Platform::kubespray && !ex.files.empty() &&
      std::all_of(ex.files.begin(), ex.files.end(), [](const auto& f) {
        return f.first.rfind("group_vars/", 0) == 0 || f.first.rfind("host_vars/", 0) == 0;
      }))
    ex.files.emplace("inventory.ini", kDefaultHosts);
  return ex;
}

/// The findings of check `id` on the inventory `ex` describes; load errors are test failures.
std::vector<Finding> lint(const Example& ex, const std::string& id) {
  test::TempDir dir({});
  for (const auto& [rel, text] : ex.files) dir.write(rel, text);
  LoadOptions opts;
  opts.paths = {dir.path()};
  opts.kubespray_version = ex.kubespray_version;
  opts.rke2_version = ex.rke2_version;
  Workspace ws;
  std::string usage;
  REQUIRE(load(opts, ws, usage));
  for (const LoadError& e : ws.errors)
    FAIL_CHECK(fs::relative(e.file, dir.path()).string() << ":" << e.line << ": " << e.message);
  CHECK_FALSE(ws.clusters.empty());
  std::vector<std::string> others;
  for (const CheckDef& d : all_checks())
    if (d.info.id != id) others.emplace_back(d.info.id);
  return run_checks(ws, others);
}

/// Prints the files of an example, for a failing test's report.
std::string describe(const Example& ex) {
  std::ostringstream os;
  if (!ex.kubespray_version.empty()) os << "kubespray-version " << ex.kubespray_version << "\n";
  if (!ex.rke2_version.empty()) os << "rke2-version " << ex.rke2_version << "\n";
  for (const auto& [rel, text] : ex.files) os << "--- " << rel << "\n" << text;
  return os.str();
}

}  // namespace

// One section per check, "bad" and "good" inside it: `-c ID` runs the examples of one doc.
TEST_CASE("the Bad example of every check doc is flagged by its check and the Good example is not", "[docs]") {
  REQUIRE_FALSE(all_checks().empty());
  // A -c that names no check would run nothing and pass.
  const auto& wanted = Catch::getCurrentContext().getConfig()->getSectionsToRun();
  if (!wanted.empty()) {
    INFO("-c " << wanted[0]);
    REQUIRE(find_check(wanted[0]) != nullptr);
  }
  for (const CheckDef& d : all_checks()) {
    const std::string id(d.info.id);
    DYNAMIC_SECTION(id) {
      std::ifstream in(test::checks_dir() / id / "check.md");
      REQUIRE(in.is_open());
      std::stringstream doc;
      doc << in.rdbuf();
      for (const std::string kind : {"bad", "good"}) {
        DYNAMIC_SECTION(kind) {
          Example ex =
              example(section(doc.str(), kind == "bad" ? "## Bad" : "## Good"), doc_platform(d.info.platforms));
          for (const std::string& p : ex.problems) FAIL_CHECK(p);
          INFO(describe(ex));
          std::vector<std::string> messages;
          for (const Finding& f : lint(ex, id))
            if (f.check == id) messages.push_back(std::to_string(f.loc.line) + ":" + f.message);
          if (kind == "bad") {
            CHECK_FALSE(messages.empty());
          } else {
            CHECK(messages == std::vector<std::string>{});
          }
        }
      }
    }
  }
}
