// Fuzz target: an Ansible variables file (group_vars/all.yml) read as Ansible reads it (a key
// defined twice keeps the last), every variable resolved through Jinja; and the same text parsed
// strictly (a duplicate key is an error), as RKE2's own files are.
#include "fuzz_support.hpp"
#include "load/ansible/inventory.hpp"
#include "load/common/yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kubegate;
  std::string_view text = fuzz::as_text(data, size);
  {
    SourceManager sources;
    std::uint32_t file = sources.add("strict.yml", std::string(text));
    Value doc;
    std::vector<LoadError> errors;
    (void)parse_yaml(sources, file, doc, errors);
    (void)blank_comment_lines(text);
  }
  const std::filesystem::path dir = fuzz::fresh_dir("vars");
  fuzz::write_file(dir / "group_vars" / "all.yml", text);
  SourceManager sources;
  AnsibleInventory inv;
  inv.keep_last_duplicate = true;
  inv.group("all", {});
  inv.group("ungrouped", {});
  inv.add_member(inv.groups["ungrouped"], inv.host("node1", {}));
  std::vector<LoadError> errors;
  load_vars_dirs(sources, dir.string(), inv, {}, errors);
  GroupIndex index = index_groups(inv);
  std::vector<std::string> groups;
  Scope scope(ansible_host_tables(inv, index, 0, groups), "node1");
  for (const std::string& name : scope.names()) (void)scope.get(name).value.display();
  return 0;
}
