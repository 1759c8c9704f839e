// Hostile inputs (issue 11): each runs the command line in a child process bounded by setrlimit
// (CPU time, address space), and must end on its own with the expected exit code and diagnostic,
// within its time, and without executing anything the input asks for. The small inputs are in
// tests/hostile/; the large ones are generated here (none is committed).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "load/common/limits.hpp"
#include "support.hpp"

namespace kubegate::test {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

/// What a bounded child run did.
struct Outcome {
  /// False when the child was killed (a signal: a crash, the CPU limit, our wall-clock kill).
  bool exited = false;
  /// The exit code, when it exited.
  int code = -1;
  /// The signal that ended it, when it did not exit.
  int signal = 0;
  /// Wall-clock seconds.
  double seconds = 0;
  /// Peak resident memory in MB.
  long max_rss_mb = 0;
  /// Its standard output and error, together.
  std::string output;
};

/// The address space each child may use (ignored under AddressSanitizer, which reserves terabytes).
constexpr rlim_t kMemoryBytes = rlim_t{1} << 30;
/// The peak resident memory each child may reach: 1 GB, 3 GB under AddressSanitizer (its shadow
/// memory, redzones and 256 MB quarantine).
constexpr long kMaxRssMb = kSanitized ? 3072 : 1024;
/// The marker file an input tries to create through a command; it must never appear.
const std::string kMarker = "/tmp/kubegate-hostile-marker";

#if defined(__OPTIMIZE__)
constexpr bool kOptimized = true;
#else
constexpr bool kOptimized = false;
#endif
/// Seconds the largest inputs may take (CPU and wall clock): more without optimisation or under sanitizers.
constexpr int kLargeSeconds = kOptimized && !kSanitized ? 60 : 240;

/// The user and group a child runs as when the suite runs as root (CI does), so that file
/// permissions refuse it as they refuse a user: `nobody`.
constexpr uid_t kNobody = 65534;

/// Runs `args` through cli::run in a child limited to `cpu_seconds` of CPU and 1 GB of address
/// space; as `nobody` when `unprivileged` and the suite runs as root.
Outcome run_bounded(const std::vector<std::string>& args, int cpu_seconds, bool unprivileged = false) {
  const std::string capture =
      (std::filesystem::temp_directory_path() / ("kubegate-hostile-" + std::to_string(::getpid()) + ".out")).string();
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    rlimit cpu{static_cast<rlim_t>(cpu_seconds), static_cast<rlim_t>(cpu_seconds) + 1};
    ::setrlimit(RLIMIT_CPU, &cpu);
    if (unprivileged && ::geteuid() == 0 && (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)) ::_exit(97);
    if (!kSanitized) {
      rlimit as{kMemoryBytes, kMemoryBytes};
      ::setrlimit(RLIMIT_AS, &as);
    }
    int code = 99;
    std::ostringstream out, err;
    try {
      code = cli::run(args, out, err);
    } catch (...) {
      code = 98;  // an exception out of cli::run is a crash of the run
    }
    std::ofstream(capture, std::ios::binary) << out.str() << err.str();
    ::_exit(code);
  }
  Outcome o;
  int status = 0;
  rusage usage{};
  for (;;) {
    const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > 3.0 * cpu_seconds + 5) ::kill(pid, SIGKILL);  // blocked rather than busy: still a hang
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.exited = WIFEXITED(status);
  o.code = o.exited ? WEXITSTATUS(status) : -1;
  o.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  o.max_rss_mb = usage.ru_maxrss / 1024;
  std::stringstream text;
  text << std::ifstream(capture, std::ios::binary).rdbuf();
  o.output = text.str();
  std::filesystem::remove(capture);
  return o;
}

/// tests/hostile/`name`.
std::string hostile(const std::string& name) { return std::string(KUBEGATE_SOURCE_DIR) + "/tests/hostile/" + name; }

/// The Kubespray groups of a minimal inventory.
const std::string kInventory =
    "[kube_control_plane]\nnode1\n[etcd]\nnode1\n[kube_node]\nnode1\n[k8s_cluster:children]\nkube_control_plane\n"
    "kube_node\n";

/// Runs `args` bounded and checks the outcome: exited (no crash, no limit hit) with `code`, its
/// output holding `expected`, within `seconds`, below kMaxRssMb; and the marker file never created.
Outcome expect_run(const std::vector<std::string>& args, int code, const std::string& expected, int seconds = 10,
                   bool unprivileged = false) {
  std::filesystem::remove(kMarker);
  Outcome o = run_bounded(args, seconds, unprivileged);
  INFO("args: " << fmt::format("{}", fmt::join(args, " ")) << "\noutput (first 2000 bytes):\n"
                << o.output.substr(0, 2000));
  CHECK(o.exited);
  CHECK(o.signal == 0);
  CHECK(o.code == code);
  CHECK(o.output.find(expected) != std::string::npos);
  CHECK(o.seconds < seconds);
  CHECK(o.max_rss_mb < kMaxRssMb);
  CHECK_FALSE(std::filesystem::exists(kMarker));
  return o;
}

/// Every command a hostile inventory folder is read by; each must end bounded with `code`, the
/// text output holding `expected`, the JSON output `json_expected`.
void every_command(const std::string& dir, int code, const std::string& expected, const std::string& json_expected = "",
                   int seconds = 10) {
  expect_run({"lint", "--kubespray-version", "2.24.0", dir}, code, expected, seconds);
  expect_run({"lint", "--format", "json", "--kubespray-version", "2.24.0", dir}, code, json_expected, seconds);
  expect_run({"show", "--kubespray-version", "2.24.0", dir, "--host", "node1"}, code == 1 ? 0 : code, "", seconds);
}

TEST_CASE("hostile: crashes of issue 11 item 4 end as load errors", "[hostile]") {
  // 19-byte hex, long sexagesimal: past int64, read as text (as the 19-digit decimals are).
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", hostile("huge-hex")}, 0, "");
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", hostile("sexagesimal")}, 0, "");
  expect_run({"lint", "--format", "json", "--fail-on", "none", "--kubespray-version", "2.24.0", hostile("sexagesimal")},
             0, "\"inventories\"");
  expect_run({"lint", hostile("host-range-oversized")}, cli::kLoadError,
             "inventory.ini:2:1: error: \"node[0:99999999999999999999]\" takes this file past 1000000 hosts");
  // Invalid UTF-8 in a value, in JSON: U+FFFD, not an abort.
  expect_run(
      {"lint", "--format", "json", "--fail-on", "none", "--kubespray-version", "2.24.0", hostile("invalid-utf8")}, 0,
      "\xef\xbf\xbd");
}

TEST_CASE("hostile: deep nesting is a load error naming its limit", "[hostile]") {
  TempDir dir({{"inventory.ini", kInventory}});
  // Flow and block YAML nesting, 10,000 levels: yaml-cpp's parser limit, said as such.
  dir.write("group_vars/all/flow.yml", "a: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
  Outcome o = expect_run({"lint", dir.path()}, cli::kLoadError, "flow.yml:1:");
  CHECK(o.output.find("nested deeper than") != std::string::npos);
  CHECK(o.output.find("bad file") == std::string::npos);
  std::filesystem::remove(dir.path("group_vars/all/flow.yml"));
  std::string block = "a:\n";
  for (int i = 0; i < 10000; ++i) block += "- ";
  dir.write("group_vars/all/block.yml", block + "x\n");
  expect_run({"lint", dir.path()}, cli::kLoadError, "nested deeper than");
  std::filesystem::remove(dir.path("group_vars/all/block.yml"));
  // Our own bound, below the parser's.
  std::string ours = "a: ";
  for (int i = 0; i < limits::kYamlDepth + 10; ++i) ours += "{k: ";
  dir.write("group_vars/all/ours.yml", ours + "1" + std::string(limits::kYamlDepth + 10, '}') + "\n");
  o = run_bounded({"lint", dir.path()}, 10);
  CHECK(o.exited);
  CHECK(o.code == cli::kLoadError);
  CHECK(o.output.find("nested deeper than") != std::string::npos);
  std::filesystem::remove(dir.path("group_vars/all/ours.yml"));

  // ${A:-${B:-...}} 20,000 levels in an env file.
  std::string env = "X=";
  for (int i = 0; i < 20000; ++i) env += "${A:-";
  env += "x" + std::string(20000, '}') + "\n";
  dir.write("deep.env", env);
  expect_run({"lint", "--platform", "kubeup", dir.path("deep.env")}, cli::kLoadError, "deep.env:1:");
  o = run_bounded({"lint", "--platform", "kubeup", dir.path("deep.env")}, 10);
  CHECK(o.output.find(fmt::format("nested deeper than {} levels", limits::kEnvNesting)) != std::string::npos);

  // Jinja parentheses 50,000 deep: unknown, not a stack overflow.
  dir.write("group_vars/all/jinja.yml",
            "kube_network_plugin: \"{{ " + std::string(50000, '(') + "x" + std::string(50000, ')') + " }}\"\n");
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", dir.path()}, 0, "");
  dir.write("group_vars/all/jinja.yml", "kube_network_plugin: \"{{ " + std::string(50000, '(') + " }}\"\n");
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", dir.path()}, 0, "");
}

TEST_CASE("hostile: group chains, cycles and a host in 10,000 groups", "[hostile]") {
  // A 100,000-group parent chain: past the depth limit, one load error, quickly.
  std::string chain = kInventory;
  for (int i = 0; i < 100000; ++i) chain += fmt::format("[g{}:children]\ng{}\n", i, i + 1);
  TempDir dir({{"inventory.ini", chain}});
  Outcome o =
      expect_run({"lint", dir.path()}, cli::kLoadError, fmt::format("groups nested deeper than {} levels", limits::kGroupDepth), 20);
  every_command(hostile("group-cycle-ini"), cli::kLoadError, "inventory.ini:4:1: error: group cycle: a -> b -> a",
                "\"message\": \"group cycle: a -> b -> a");
  every_command(hostile("group-cycle-yaml"), cli::kLoadError, "hosts.yaml:7:13: error: group cycle: a -> b -> a",
                "\"message\": \"group cycle: a -> b -> a");
  std::string many = kInventory;
  for (int i = 0; i < 10000; ++i) many += fmt::format("[grp{}]\nnode1\n", i);
  dir.write("inventory.ini", many);
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", dir.path()}, 0, "", 20);
  expect_run({"show", "--kubespray-version", "2.24.0", dir.path(), "--host", "node1"}, 0, "grp9999", 20);
}

TEST_CASE("hostile: unbounded work is bounded", "[hostile]") {
  every_command(hostile("alias-bomb"), cli::kLoadError, "hosts.yaml:", "YAML aliases in this file expand to more than");
  expect_run({"lint", hostile("alias-bomb")}, cli::kLoadError,
             fmt::format("YAML aliases in this file expand to more than {} nodes", limits::kYamlAliasNodes));
  // The same bomb in group_vars, config.yaml and registries.yaml.
  std::stringstream bomb;
  bomb << std::ifstream(hostile("alias-bomb/hosts.yaml")).rdbuf();
  const std::string vars = bomb.str().substr(0, bomb.str().find("all:"));
  TempDir dir({{"inventory.ini", kInventory}, {"group_vars/all.yml", vars}});
  expect_run({"lint", dir.path()}, cli::kLoadError, "group_vars/all.yml:");
  TempDir rke2({{"config.yaml", "token: x\n"}, {"registries.yaml", vars}});
  expect_run({"lint", "--platform", "rke2", rke2.path()}, cli::kLoadError, "registries.yaml:");
  rke2.write("config.yaml", vars);
  expect_run({"lint", "--platform", "rke2", rke2.path()}, cli::kLoadError, "config.yaml:");

  expect_run({"lint", hostile("host-range-chained")}, cli::kLoadError,
             "inventory.ini:2:1: error: \"node[0:999999][0:999999]\" takes this file past 1000000 hosts");
  TempDir yaml({{"hosts.yaml", "all:\n  hosts:\n    node[0:999999][0:999999]:\n"}});
  expect_run({"lint", yaml.path()}, cli::kLoadError, "takes this file past 1000000 hosts");

  // Self-referencing variables: unknown, fast, in lint and show --host.
  every_command(hostile("jinja-self-reference"), 0, "", "", 5);
  expect_run({"show", "--kubespray-version", "2.24.0", hostile("jinja-self-reference"), "--host", "node1"}, 0,
             "kube_network_plugin", 5);

  // 100,000 hosts (and a few variables each), INI and YAML.
  std::string ini = kInventory + "[kube_node]\n";
  std::string hosts_yaml = "all:\n  hosts:\n";
  for (int i = 0; i < 100000; ++i) {
    ini += fmt::format("worker{} ansible_host=10.{}.{}.{}\n", i, i / 65536, (i / 256) % 256, i % 256);
    hosts_yaml +=
        fmt::format("    worker{}:\n      ansible_host: 10.{}.{}.{}\n", i, i / 65536, (i / 256) % 256, i % 256);
  }
  TempDir big({{"inventory.ini", ini}});
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", big.path()}, 0, "", kLargeSeconds);
  TempDir big_yaml(
      {{"hosts.yaml", hosts_yaml + "  children:\n    kube_control_plane:\n      hosts:\n        worker0:\n"}});
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", big_yaml.path()}, 0, "", kLargeSeconds);
}

TEST_CASE("hostile: unclear errors of issue 11 item 8 say what is wrong", "[hostile]") {
  // A BOM is skipped: the first group is kube_control_plane, not "\xef\xbb\xbf[kube_control_plane]".
  Outcome o = expect_run({"show", "--kubespray-version", "2.24.0", hostile("bom-ini")}, 0, "node1");
  CHECK(o.output.find("\xef\xbb\xbf") == std::string::npos);
  o = expect_run({"lint", "--fail-on", "info", "--kubespray-version", "2.24.0", hostile("bom-ini")}, 0, "");
  expect_run({"lint", hostile("rke2-config-list")}, cli::kLoadError,
             "config.yaml:1:1: error: RKE2 refuses to start: the top level of its config file must be a mapping");
  o = expect_run({"lint", hostile("registries-wrong-types")}, cli::kLoadError,
                 "registries.yaml:2:3: error: registries.yaml: mirrors must be a mapping of registry names");
  TempDir endpoint({{"config.yaml", "write-kubeconfig-mode: \"0644\"\n"},
                    {"registries.yaml", "mirrors:\n  docker.io:\n    endpoint:\n      url: https://m.example\n"}});
  expect_run({"lint", endpoint.path()}, cli::kLoadError,
             "registries.yaml:4:7: error: registries.yaml: mirrors.\"docker.io\".endpoint must be a list of URLs");
}

TEST_CASE("hostile: large and unreadable files are load errors, and the other inventories are still checked",
          "[hostile]") {
  namespace fs = std::filesystem;
  const std::string too_large = fmt::format("larger than {} MiB: not read", limits::kFileBytes >> 20);
  // The other inventory of each run: its finding must still be reported.
  TempDir other({{"inventory.ini", kInventory + "[kube_node]\nNode_1\n"}});
  const std::string other_finding = "[inventory-hostname-rfc1123]";

  // 50 MB files, as a vars file and as the hosts file: refused unread, quickly, in little memory.
  TempDir big({{"inventory.ini", kInventory}});
  big.write("group_vars/all.yml", "a: \"" + std::string(50u << 20, 'x') + "\"\n");
  Outcome o = expect_run({"lint", "--kubespray-version", "2.24.0", big.path(), other.path()}, cli::kLoadError,
                         "group_vars/all.yml: error: " + too_large);
  CHECK(o.output.find(other_finding) != std::string::npos);
  fs::remove(big.path("group_vars/all.yml"));
  big.write("inventory.ini", kInventory + "# " + std::string(50u << 20, '#') + "\n");
  o = expect_run({"lint", "--kubespray-version", "2.24.0", big.path("inventory.ini"), other.path()}, cli::kLoadError,
                 "inventory.ini: error: " + too_large);
  CHECK(o.output.find(other_finding) != std::string::npos);
  // Under the size bound, the node bound holds the memory: 1.2 million variables (2.4 million
  // nodes) are refused at the node past the bound, 0.9 million are read; both within bounds.
  std::string vars;
  int i = 0;
  for (; i < 900'000; ++i) vars += fmt::format("v{}: {}\n", i, i);
  big.write("inventory.ini", kInventory);
  big.write("group_vars/all.yml", vars);
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", big.path()}, 0, "", kLargeSeconds);
  for (; vars.size() < limits::kFileBytes - 64; ++i) vars += fmt::format("v{}: {}\n", i, i);
  big.write("group_vars/all.yml", vars);
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", big.path()}, cli::kLoadError,
             fmt::format("group_vars/all.yml:1000000:10: error: this file holds more than {} YAML nodes",
                         limits::kYamlNodes),
             kLargeSeconds);

  // Files and folders the user cannot read (as `nobody` under root, whom permissions do not stop).
  TempDir locked({{"inventory.ini", kInventory}, {"host_vars/node1.yml", "kube_network_plugin: calico\n"},
                  {"group_vars/all/all.yml", "kube_network_plugin: calico\n"}});
  fs::permissions(locked.path("host_vars/node1.yml"), fs::perms::none);
  fs::permissions(locked.path("group_vars/all"), fs::perms::none);
  o = expect_run({"lint", "--kubespray-version", "2.24.0", locked.path(), other.path()}, cli::kLoadError,
                 "host_vars/node1.yml: error: cannot read this file: Permission denied", 10, true);
  CHECK(o.output.find("group_vars/all: error: cannot read this folder: Permission denied") != std::string::npos);
  CHECK(o.output.find(other_finding) != std::string::npos);
  fs::permissions(locked.path("inventory.ini"), fs::perms::none);
  o = expect_run({"lint", "--kubespray-version", "2.24.0", locked.path("inventory.ini"), other.path()}, cli::kLoadError,
                 "inventory.ini: error: cannot read this file: Permission denied", 10, true);
  CHECK(o.output.find(other_finding) != std::string::npos);
  fs::permissions(locked.path("group_vars/all"), fs::perms::owner_all);  // so that the folder can be removed
}

TEST_CASE("hostile: odd but valid inputs, and nothing is ever executed", "[hostile]") {
  TempDir dir({{"inventory.ini", ""}});
  expect_run({"lint", dir.path("inventory.ini")}, 0, "");  // empty: settings only
  const char elf[] = "\x7f"
                     "ELF\x02\x01\x01\0\0\0binary";
  dir.write("inventory.ini", std::string(elf, sizeof elf - 1));  // NUL bytes inside: the whole array
  expect_run({"lint", dir.path("inventory.ini")}, cli::kLoadError, "binary content");
  TempDir comma({{"inventory.ini", kInventory}, {"group_vars/all.yml", ",\n"}});  // yaml-cpp 0.7 loops on it
  expect_run({"lint", comma.path()}, cli::kLoadError, "all.yml:1:1: error: invalid YAML: a document cannot start with ','");
  every_command(hostile("crlf"), 0, "");
  // yaml-cpp does not break lines at a lone CR (PyYAML does): a load error with its position, not a crash.
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", hostile("lone-cr")}, cli::kLoadError, "all.yml:1:");
  expect_run({"lint", "--kubespray-version", "2.24.0", hostile("duplicate-keys")}, 1, "[ansible-duplicate-key]");
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", hostile("yaml-tags")}, 0, "");
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", hostile("non-string-keys")}, 0, "");
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", hostile("nan-inf")}, 0, "");
  expect_run({"lint", hostile("multi-document")}, cli::kLoadError, "all.yml:2:1: error: this file holds more than one YAML document");
  expect_run({"lint", "--fail-on", "none", "--kubespray-version", "2.24.0", hostile("names-odd")}, 0, "");
  expect_run({"lint", "--format", "json", "--fail-on", "none", "--kubespray-version", "2.24.0", hostile("names-odd")},
             0, "\"inventories\"");
  // Commands in env files and Jinja lookups are never run.
  expect_run({"lint", "--fail-on", "none", "--platform", "kubeup", hostile("env-command-substitution/config-test.sh")},
             0, "");
  every_command(hostile("jinja-lookup-pipe"), 0, "");
  expect_run({"show", "--kubespray-version", "2.24.0", hostile("jinja-lookup-pipe"), "--host", "node1"}, 0,
             "kube_version");
  // A 1 MB line in an env file.
  dir.write("long.env", "NUM_NODES=3\nX=\"" + std::string(1 << 20, 'a') + "\"\n");
  expect_run({"lint", "--fail-on", "none", "--platform", "kubeup", dir.path("long.env")}, 0, "");
}

}  // namespace
}  // namespace kubegate::test
