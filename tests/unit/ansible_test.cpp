#include <catch2/catch.hpp>

#include "load/ansible/inventory.hpp"
#include "support.hpp"

using namespace kubegate;
using kubegate::test::TempDir;

namespace {

struct Loaded {
  SourceManager sources;
  AnsibleInventory inv;
  std::vector<LoadError> errors;
  bool ok = false;
};

std::unique_ptr<Loaded> load(const TempDir& dir, const std::string& hosts) {
  auto l = std::make_unique<Loaded>();
  l->ok = load_hosts_file(l->sources, dir.path(hosts), l->inv, l->errors);
  return l;
}

const Definition& var(const AnsibleInventory& inv, const std::string& host, const std::string& name) {
  return inv.hosts.at(inv.find_host(host).value()).inline_vars->vars.at(name);
}

}  // namespace

TEST_CASE("host ranges expand as Ansible expands them", "[ansible]") {
  CHECK(expand_host_pattern("node[01:03]") == std::vector<std::string>{"node01", "node02", "node03"});
  CHECK(expand_host_pattern("w[1:5:2].lab") == std::vector<std::string>{"w1.lab", "w3.lab", "w5.lab"});
  CHECK(expand_host_pattern("db-[a:c]") == std::vector<std::string>{"db-a", "db-b", "db-c"});
  CHECK(expand_host_pattern("r[1:2]-[a:b]") == std::vector<std::string>{"r1-a", "r1-b", "r2-a", "r2-b"});
  CHECK(expand_host_pattern("plain") == std::vector<std::string>{"plain"});
  CHECK(expand_host_pattern("bad[3:1]") == std::vector<std::string>{"bad[3:1]"});
}

TEST_CASE("INI inventories: sections, children, vars, inline host vars", "[ansible]") {
  TempDir dir({{"inventory.ini",
                "loose1\n"
                "[all]\n"
                "node1 ansible_host=10.0.0.1 ip=10.0.0.1 etcd_member_name=etcd1 flag=true big=True n=10 q=\"a b\"\n"
                "node2:2222 ansible_host=10.0.0.2  # a comment\n"
                "; another comment\n"
                "[kube_control_plane]\n"
                "node1\n"
                "[kube_node]\n"
                "node[2:3]\n"
                "[k8s_cluster:children]\n"
                "kube_control_plane\n"
                "kube_node\n"
                "[k8s_cluster:vars]\n"
                "kube_network_plugin = cilium\n"
                "quoted=\"10\"\n"}});
  auto l = load(dir, "inventory.ini");
  REQUIRE(l->errors.empty());
  REQUIRE(l->ok);
  const auto& inv = l->inv;
  CHECK(inv.hosts.size() == 4);
  CHECK(inv.find_host("node2").has_value());  // the port is not part of the name
  CHECK(inv.find_host("node3").has_value());
  CHECK(inv.groups.at("ungrouped").hosts == std::vector<std::uint32_t>{inv.find_host("loose1").value()});
  CHECK(inv.groups.at("k8s_cluster").children == std::vector<std::string>{"kube_control_plane", "kube_node"});
  CHECK(var(inv, "node1", "flag").value.kind == Value::Kind::string);  // literal_eval("true") fails: a string
  CHECK(var(inv, "node1", "big").value.kind == Value::Kind::boolean);
  CHECK(var(inv, "node1", "n").value.integer == 10);
  CHECK(var(inv, "node1", "q").value.text == "a b");
  CHECK(var(inv, "node1", "ip").loc.line == 3);
  CHECK(var(inv, "node1", "ip").loc.column == 29);
  const auto& gv = inv.groups.at("k8s_cluster").inline_vars->vars;
  CHECK(gv.at("kube_network_plugin").value.text == "cilium");
  CHECK(gv.at("quoted").value.kind == Value::Kind::string);
  CHECK(gv.at("quoted").value.text == "10");
  CHECK(inv.hosts.at(inv.find_host("node1").value()).loc.line == 3);
}

TEST_CASE("INI vars holding Python literals are read as ast.literal_eval reads them", "[ansible]") {
  TempDir dir({{"inventory.ini",
                "[all]\n"
                "node1\n"
                "[all:vars]\n"
                "gates=[\"NFTablesProxyMode=true\", 'NodeSwap=false', ]\n"
                "labels={'zone': \"a\", \"n\": 3, 'on': True, 'off': None}\n"
                "pair=(1, 'two')\n"
                "nested=[[1], {'k': [\"it\\'s\"]}]\n"
                "floats=[1.5]\n"
                "call=[lookup('env', 'X')]\n"
                "jinja=[\"{{ x }}\"]\n"
                "paren=(not a literal)\n"
                "signed=[-3, +4]\n"
                "name=[a5]\n"}});
  auto l = load(dir, "inventory.ini");
  REQUIRE(l->errors.empty());
  const auto& v = l->inv.groups.at("all").inline_vars->vars;
  CHECK(v.at("signed").value.items.at(0).integer == -3);
  CHECK(v.at("signed").value.items.at(1).integer == 4);
  CHECK(v.at("name").value.text == "[a5]");  // a bare name is no literal (the fuzzer's crash: stoll threw)
  const Value& gates = v.at("gates").value;
  REQUIRE(gates.kind == Value::Kind::list);
  REQUIRE(gates.items.size() == 2);
  CHECK(gates.items[0].text == "NFTablesProxyMode=true");
  CHECK(gates.items[1].text == "NodeSwap=false");
  CHECK(gates.items[1].loc.line == 4);
  CHECK(gates.items[1].loc.column == 34);  // the item's own quote
  const Value& labels = v.at("labels").value;
  REQUIRE(labels.kind == Value::Kind::map);
  CHECK(labels.find("zone")->text == "a");
  CHECK(labels.find("n")->integer == 3);
  CHECK(labels.find("on")->kind == Value::Kind::boolean);
  CHECK(labels.find("off")->is_null());
  CHECK(v.at("pair").value.items.size() == 2);  // a tuple is a list to Ansible's templating
  CHECK(v.at("nested").value.items[1].find("k")->items[0].text == "it's");
  // What literal_eval would read differently, or refuse, is never guessed: unknown.
  CHECK(v.at("floats").value.is_unknown());
  CHECK(v.at("call").value.is_unknown());
  // A Jinja string inside a literal stays a string for the scope to resolve.
  CHECK(v.at("jinja").value.items[0].text == "{{ x }}");
  CHECK(v.at("paren").value.text == "(not a literal)");  // literal_eval fails: the text itself
}

TEST_CASE("YAML inventories: hosts, vars, children and host ranges", "[ansible]") {
  TempDir dir({{"hosts.yaml",
                "all:\n"
                "  vars:\n"
                "    ansible_user: ops\n"
                "  hosts:\n"
                "    cp1: {ansible_host: 10.0.0.1}\n"
                "  children:\n"
                "    kube_control_plane:\n"
                "      hosts:\n"
                "        cp1:\n"
                "    kube_node:\n"
                "      hosts:\n"
                "        w[1:2]:\n"
                "          kubelet_max_pods: 200\n"}});
  auto l = load(dir, "hosts.yaml");
  REQUIRE(l->errors.empty());
  CHECK(l->inv.hosts.size() == 3);
  CHECK(var(l->inv, "w2", "kubelet_max_pods").value.integer == 200);
  CHECK(var(l->inv, "w2", "kubelet_max_pods").loc.line == 13);
  CHECK(l->inv.groups.at("all").inline_vars->vars.at("ansible_user").layer == Layer::inventory_all);
}

TEST_CASE("bad hosts files are errors with positions", "[ansible]") {
  SECTION("host variable without '='") {
    TempDir dir({{"inventory.ini", "[kube_node]\nnode1 ansible_host\n"}});
    auto l = load(dir, "inventory.ini");
    CHECK_FALSE(l->ok);
    REQUIRE(l->errors.size() == 1);
    CHECK(l->errors[0].line == 2);
    CHECK(l->errors[0].column == 7);
  }
  SECTION("unknown section kind") {
    TempDir dir({{"inventory.ini", "[kube_node:hosts]\nnode1\n"}});
    auto l = load(dir, "inventory.ini");
    CHECK_FALSE(l->ok);
    CHECK(l->errors.at(0).line == 1);
  }
  SECTION("YAML that is not an inventory") {
    TempDir dir({{"hosts.yml", "kube_version: v1.28.6\nkube_network_plugin: calico\n"}});
    auto l = load(dir, "hosts.yml");
    CHECK_FALSE(l->ok);
    CHECK(l->errors.at(0).message.find("not an Ansible inventory") != std::string::npos);
  }
  SECTION("unterminated quote") {
    TempDir dir({{"inventory.ini", "[kube_node]\nnode1 ansible_host='10.0.0.1\n"}});
    auto l = load(dir, "inventory.ini");
    CHECK_FALSE(l->ok);
    CHECK(l->errors.at(0).line == 2);
  }
}

TEST_CASE("what Ansible reads that is not a plain inventory: INI text in a .yaml, plugin configs, templates",
          "[ansible]") {
  SECTION("INI text in a hosts.yaml is read by the ini plugin, as Ansible does") {
    TempDir dir({{"host.yaml", "[kube_control_plane]\nnode1 ansible_host=10.0.0.1\n[kube_node]\nnode2\n"}});
    auto l = load(dir, "host.yaml");
    CHECK(l->ok);
    CHECK(l->errors.empty());
    CHECK(l->inv.hosts.size() == 2);
  }
  SECTION("an inventory plugin configuration names its plugin and lists no host") {
    TempDir dir({{"inventory.yml", "plugin: cloud.terraform.terraform_provider\nproject_path: ../terraform\n"}});
    auto l = load(dir, "inventory.yml");
    CHECK(l->ok);
    CHECK(l->errors.empty());
    CHECK(l->inv.plugin == "cloud.terraform.terraform_provider");
    CHECK(l->inv.hosts.empty());
  }
  SECTION("a template's placeholders are no syntax errors") {
    TempDir dir({{"inventory.ini", "[all]\n${PREFIX}-node1 ansible_host=<public ip>\n[kube_node]\n${PREFIX}-node1\n"}});
    auto l = load(dir, "inventory.ini");
    CHECK(l->errors.empty());
    CHECK(l->inv.placeholder == "${PREFIX}");
    TempDir angle({{"hosts.ini", "<your-server-ip> ansible_port=22\n"}});
    CHECK(load(angle, "hosts.ini")->inv.placeholder == "<your-server-ip>");
  }
  SECTION("an INI error stops the file, as Ansible's ini plugin does") {
    TempDir dir({{"hosts.ini", "all:\n  hosts:\n    node1:\n      ansible_host: 10.0.0.1\n"}});
    auto l = load(dir, "hosts.ini");
    CHECK_FALSE(l->ok);
    CHECK(l->errors.size() == 1);
  }
}

TEST_CASE("the host index finds every host it was given and no other, however many", "[ansible]") {
  std::vector<AnsibleHost> hosts;
  HostIndex index;
  for (std::uint32_t i = 0; i < 50000; ++i) {  // grows from 16 slots by doubling, without reserve
    AnsibleHost h;
    h.name = "node" + std::to_string(i);
    REQUIRE_FALSE(index.find(h.name, hosts).has_value());
    hosts.push_back(h);
    index.insert(hosts.back().name, i);
  }
  CHECK(index.size() == 50000);
  std::size_t found = 0;
  for (std::uint32_t i = 0; i < hosts.size(); ++i) found += index.find(hosts[i].name, hosts) == i;
  CHECK(found == hosts.size());
  CHECK_FALSE(index.find("node50000", hosts).has_value());
  CHECK_FALSE(index.find("", hosts).has_value());
  index.reserve(200000);  // re-placed: still found
  CHECK(index.find("node0", hosts) == 0u);
  CHECK(index.find("node49999", hosts) == 49999u);
}

TEST_CASE("a group lists each member once, in the order first added, in or out of index order", "[ansible]") {
  AnsibleInventory inv;
  AnsibleGroup& g = inv.group("g", {});
  for (std::uint32_t h : {0u, 1u, 5u, 5u, 3u, 1u, 7u, 3u, 6u, 7u, 0u}) inv.add_member(g, h);
  CHECK(g.hosts == std::vector<std::uint32_t>{0, 1, 5, 3, 7, 6});
}
