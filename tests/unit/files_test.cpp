// Reading inventory files: regular files only, and bounded, whatever a path points to.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <sys/stat.h>

#include "load/common/files.hpp"
#include "support.hpp"

using namespace kubegate;
using kubegate::test::TempDir;

TEST_CASE("files: only regular files of bounded size are read", "[files]") {
  TempDir dir({{"hosts.ini", "[all]\nnode1\n"}});
  std::string text;
  CHECK(read_file(dir.path("hosts.ini"), text));
  CHECK(text == "[all]\nnode1\n");

  std::filesystem::create_symlink(dir.path("hosts.ini"), dir.path("link.ini"));
  CHECK(read_file(dir.path("link.ini"), text));  // a link to a regular file is its file

  std::filesystem::create_symlink("/dev/zero", dir.path("zero.yml"));  // would read without end
  CHECK_FALSE(read_file(dir.path("zero.yml"), text));
  REQUIRE(::mkfifo(dir.path("fifo.yml").c_str(), 0600) == 0);  // would wait for a writer forever
  CHECK_FALSE(read_file(dir.path("fifo.yml"), text));
  CHECK_FALSE(read_file(dir.path(), text));  // a folder
  CHECK_FALSE(read_file(dir.path("missing.yml"), text));

  std::ofstream(dir.path("big.yml")) << std::string(limits::kFileBytes + 1, 'a');
  CHECK_FALSE(read_file(dir.path("big.yml"), text));
  std::ofstream(dir.path("big.yml")) << std::string(limits::kFileBytes, 'a');
  CHECK(read_file(dir.path("big.yml"), text));
  CHECK(text.size() == limits::kFileBytes);
}

TEST_CASE("files: nothing outside the linted tree is read, whatever a link in it says", "[files][hostile]") {
  namespace fs = std::filesystem;
  const std::string hosts = "[kube_control_plane]\nnode1\n[etcd:children]\nkube_control_plane\n[kube_node]\nnode1\n";
  TempDir outside({{"secret.yml", "ansible_become_pass: hunter2-outside\nkube_network_plugin: calico\n"}});
  TempDir dir({{"inv/inventory.ini", hosts}});
  fs::create_directories(dir.path("inv/host_vars"));
  fs::create_symlink(outside.path("secret.yml"), dir.path("inv/host_vars/node1.yml"));
  fs::create_directories(dir.path("inv/group_vars"));
  fs::create_directory_symlink("/", dir.path("inv/group_vars/all"));  // walked the whole disk before
  fs::create_symlink("/etc/passwd", dir.path("other.ini"));
  fs::create_symlink(dir.path("inv/inventory.ini"), dir.path("inside.ini"));  // inside: followed

  const fs::path before = fs::current_path();
  fs::current_path(dir.path());
  auto lint = test::kubegate_run({"lint", "--format", "json", "inv"});
  auto show = test::kubegate_run({"show", "--host", "node1", "inv"});
  auto passwd = test::kubegate_run({"lint", "other.ini"});
  auto inside = test::kubegate_run({"show", "inside.ini"});
  fs::current_path(before);

  CHECK(lint.code == cli::kLoadError);
  CHECK(lint.out.find("outside the linted tree: not read") != std::string::npos);
  CHECK(lint.out.find("a link to the folder /, outside the linted tree") != std::string::npos);
  CHECK(lint.out.find("hunter2") == std::string::npos);
  CHECK(show.out.find("hunter2") == std::string::npos);
  CHECK(show.out.find("kube_network_plugin") == std::string::npos);  // the linked file is not read at all
  CHECK(passwd.code == cli::kLoadError);
  CHECK(passwd.out.find("root:") == std::string::npos);
  CHECK(passwd.out.find("a link to /etc/passwd, outside the linted tree: not read") != std::string::npos);
  CHECK(inside.code == 0);
  CHECK(inside.out.find("node1") != std::string::npos);
}

TEST_CASE("files: what peek_file read is not read again while the read roots are set", "[files]") {
  TempDir dir({{"inv/hosts.ini", "[all]\nnode1\n"}});
  const std::string hosts = dir.path("inv/hosts.ini");
  std::string text;
  {
    const ReadRoots roots({dir.path("inv")});
    REQUIRE(peek_file(hosts, text));
    std::ofstream(hosts) << "[all]\nnode2\n";  // a read from disk would see this
    CHECK(peek_file(hosts, text));
    CHECK(text == "[all]\nnode1\n");
    CHECK(read_file(hosts, text));
    CHECK(text == "[all]\nnode1\n");
  }
  CHECK(read_file(hosts, text));  // the run is over: the file as it is now
  CHECK(text == "[all]\nnode2\n");
  CHECK(peek_file(hosts, text));  // no read roots: nothing is kept
  std::ofstream(hosts) << "[all]\nnode3\n";
  CHECK(read_file(hosts, text));
  CHECK(text == "[all]\nnode3\n");
}
