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

  std::ofstream(dir.path("big.yml")) << std::string(kMaxFileBytes + 1, 'a');
  CHECK_FALSE(read_file(dir.path("big.yml"), text));
  std::ofstream(dir.path("big.yml")) << std::string(kMaxFileBytes, 'a');
  CHECK(read_file(dir.path("big.yml"), text));
  CHECK(text.size() == kMaxFileBytes);
}
