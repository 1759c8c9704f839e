// The env-file reader: what it evaluates, what it reports as not evaluated, and what it rejects.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "load/kubeup/env.hpp"

using namespace kubegate;

namespace {

/// The final state of every variable: its text, "<unknown>" when unknown, absent when unset.
std::map<std::string, std::string> vars(const EnvFile& f) {
  std::map<std::string, std::string> out;
  for (const EnvAssignment& a : f.assignments) {
    if (a.unset) {
      out.erase(a.name);
    } else {
      out[a.name] = a.value.is_unknown() ? "<unknown>" : a.value.text;
    }
  }
  return out;
}

EnvFile parse_ok(std::string_view text) {
  EnvFile f;
  LoadError e;
  bool ok = parse_env(text, 1, f, e);
  INFO(e.line << ":" << e.column << ": " << e.message);
  REQUIRE(ok);
  return f;
}

LoadError parse_error(std::string_view text) {
  EnvFile f;
  LoadError e;
  REQUIRE_FALSE(parse_env(text, 1, f, e));
  return e;
}

const EnvAssignment* last(const EnvFile& f, const std::string& name) {
  const EnvAssignment* found = nullptr;
  for (const EnvAssignment& a : f.assignments)
    if (a.name == name) found = &a;
  return found;
}

}  // namespace

TEST_CASE("env: plain, exported and quoted assignments", "[env]") {
  auto f = parse_ok(
      "A=plain\n"
      "export B=exported\n"
      "C='single $A \\ \"quoted\"'\n"
      "D=\"double $A \\\" \\\\ \\$ \\` \\x\"\n"
      "E=un\\ quoted\\$\n"
      "F=\n"
      "G=\"\"\n"
      "readonly H=ro\n"
      "export I\n");
  auto v = vars(f);
  CHECK(v["A"] == "plain");
  CHECK(v["B"] == "exported");
  CHECK(v["C"] == "single $A \\ \"quoted\"");
  CHECK(v["D"] == "double plain \" \\ $ ` \\x");
  CHECK(v["E"] == "un quoted$");
  CHECK(v["F"].empty());
  CHECK(v["G"].empty());
  CHECK(v["H"] == "ro");
  CHECK(v.count("I") == 0);
  CHECK(f.unevaluated.empty());
  CHECK(f.assignment_commands == 9);
  CHECK(f.other_commands == 0);
}

TEST_CASE("env: several assignments on one line see each other, left to right", "[env]") {
  auto v = vars(parse_ok("A=1 B=$A C=${B}2; D=$C\n"));
  CHECK(v["A"] == "1");
  CHECK(v["B"] == "1");
  CHECK(v["C"] == "12");
  CHECK(v["D"] == "12");
}

TEST_CASE("env: expansions, defaults, nesting and := assignment", "[env]") {
  auto f = parse_ok(
      "SET=x\n"
      "EMPTY=\n"
      "A=${UNSET:-dflt}\n"
      "B=${EMPTY:-dflt}\n"
      "C=${EMPTY-dflt}\n"
      "D=${UNSET-dflt}\n"
      "E=${SET:-dflt}\n"
      "F=${UNSET:-${OTHER:-${SET}-in}}\n"
      "G=${NEW:=assigned}\n"
      "H=$NEW/$UNSET/end\n"
      "I=${EMPTY:=filled}\n"
      "J=${SET:=not-used}\n"
      "K=\"${UNSET:-a b}\"\n"
      "L=${UNSET:-\"q }\"}\n"
      "M=\"${UNSET:-'single'}\"\n"
      "N=${UNSET:-'a}b'}\n"
      "O=$\n"
      "P=a+=b\n"
      "P+=c\n");
  auto v = vars(f);
  CHECK(v["A"] == "dflt");
  CHECK(v["B"] == "dflt");
  CHECK(v["C"].empty());
  CHECK(v["D"] == "dflt");
  CHECK(v["E"] == "x");
  CHECK(v["F"] == "x-in");
  CHECK(v["G"] == "assigned");
  CHECK(v["NEW"] == "assigned");
  CHECK(v["H"] == "assigned//end");  // unset: empty in a clean environment
  CHECK(v["EMPTY"] == "filled");
  CHECK(v["I"] == "filled");
  CHECK(v["J"] == "x");
  CHECK(v["SET"] == "x");
  CHECK(v["K"] == "a b");
  CHECK(v["L"] == "q }");
  CHECK(v["M"] == "'single'");
  CHECK(v["N"] == "a}b");
  CHECK(v["O"] == "$");
  CHECK(v["P"] == "a+=bc");
  CHECK(f.unevaluated.empty());
  // `${NEW:=...}` is an assignment of NEW at the position of its name, flagged as such.
  const EnvAssignment* assigned = last(f, "NEW");
  REQUIRE(assigned);
  CHECK(assigned->by_default_expansion);
  CHECK(assigned->key_loc.line == 9);
  CHECK(assigned->key_loc.column == 5);
  CHECK(assigned->value.loc.column == 10);
}

TEST_CASE("env: an unused default has no effect", "[env]") {
  auto f = parse_ok("SET=x\nA=${SET:-$(date)}\nB=${SET:-${Q:=1}}\n");
  auto v = vars(f);
  CHECK(v["A"] == "x");
  CHECK(v["B"] == "x");
  CHECK(v.count("Q") == 0);
  CHECK(f.unevaluated.empty());
}

TEST_CASE("env: comments, blank lines, continuations, CRLF, no final newline", "[env]") {
  auto f = parse_ok(
      "#!/bin/bash\r\n"
      "\r\n"
      "   # indented comment\r\n"
      "A=1 # trailing comment\r\n"
      "B=x#not-a-comment\r\n"
      "C=con\\\r\n"
      "tinued\r\n"
      "D=\"multi\r\n"
      "line\"\r\n"
      "export \\\r\n"
      "  E=after-continuation\r\n"
      "F=last");
  auto v = vars(f);
  CHECK(v["A"] == "1");
  CHECK(v["B"] == "x#not-a-comment");
  CHECK(v["C"] == "continued");
  CHECK(v["D"] == "multi\nline");
  CHECK(v["E"] == "after-continuation");
  CHECK(v["F"] == "last");
  const EnvAssignment* e = last(f, "E");
  REQUIRE(e);
  CHECK(e->key_loc.line == 11);
  CHECK(e->key_loc.column == 3);
  const EnvAssignment* last_one = last(f, "F");
  REQUIRE(last_one);
  CHECK(last_one->key_loc.line == 12);
}

TEST_CASE("env: every value keeps the position of its key and of its value", "[env]") {
  auto f = parse_ok("NUM_NODES=3\n  export  KUBE_GCE_ZONE=\"us-east1-b\"\nX=1 Y=two\n");
  const EnvAssignment* n = last(f, "NUM_NODES");
  const EnvAssignment* z = last(f, "KUBE_GCE_ZONE");
  const EnvAssignment* y = last(f, "Y");
  REQUIRE((n && z && y));
  CHECK(n->key_loc == SourceLoc{1, 1, 1});
  CHECK(n->value.loc == SourceLoc{1, 1, 11});
  CHECK(z->key_loc == SourceLoc{1, 2, 11});
  CHECK(z->value.loc == SourceLoc{1, 2, 25});
  CHECK(z->value.quoted);
  CHECK(y->key_loc == SourceLoc{1, 3, 5});
  CHECK(y->value.loc == SourceLoc{1, 3, 7});
}

TEST_CASE("env: unset removes a variable", "[env]") {
  auto v = vars(parse_ok("A=1\nB=2\nunset A\nC=${A:-gone}\n"));
  CHECK(v.count("A") == 0);
  CHECK(v["C"] == "gone");
}

TEST_CASE("env: command substitution, backquotes and other expansions are unknown and reported", "[env]") {
  auto f = parse_ok(
      "A=$(get-master-size)\n"
      "B=`date`\n"
      "C=$((1 + 2))\n"
      "D=${ZONE%-*}\n"
      "E=${X:+alt}\n"
      "F=${#A}\n"
      "G=$1\n"
      "H=$'\\n'\n"
      "I=~/dir\n"
      "J=prefix-$A\n"
      "K=${A:-x}\n"
      "L=literal\n"
      "M=$(echo \"nested $(inner) )\" 'q)')\n"
      "N=${path/gs:\\/\\//https://}\n");
  auto v = vars(f);
  for (const char* name : {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "M", "N"}) {
    INFO(name);
    CHECK(v[name] == "<unknown>");
  }
  CHECK(v["L"] == "literal");
  // One report per construct, at its position, naming the variable; none for J and K, which only
  // depend on an unknown variable.
  REQUIRE(f.unevaluated.size() == 11);
  CHECK(f.unevaluated[0].loc == SourceLoc{1, 1, 3});
  CHECK(f.unevaluated[0].what == "value unknown: kubegate does not run $(...) (A)");
  CHECK(f.unevaluated[3].what.find("${ZONE%...}") != std::string::npos);
  CHECK(f.unevaluated[4].what.find("${X:+...}") != std::string::npos);
  CHECK(f.unevaluated[10].loc.line == 14);
  // The unknown value keeps what was written, for `show`.
  CHECK(last(f, "A")->value.text == "$(get-master-size)");
}

TEST_CASE("env: if blocks are skipped to their fi and what they assign is unknown", "[env]") {
  auto f = parse_ok(
      "A=before\n"
      "if [[ \"${A}\" == \"before\" ]]; then\n"
      "  B=inside\n"
      "  if true; then C=nested; fi\n"
      "  case x in\n"
      "    a) D=case ;;\n"
      "    (b) E=case2 ;;\n"
      "  esac\n"
      "else\n"
      "  export F=other\n"
      "fi\n"
      "G=after\n"
      "for i in 1 2; do H=$i; done\n"
      "while false; do :; done\n"
      "f() { I=infunc; }\n"
      "function g {\n"
      "  J=infunc\n"
      "}\n"
      "[[ -z $K ]] && K=default\n"
      "L=after-all\n");
  auto v = vars(f);
  CHECK(v["A"] == "before");
  for (const char* name : {"B", "C", "D", "E", "F", "H", "I", "J", "K"}) {
    INFO(name);
    CHECK(v[name] == "<unknown>");
  }
  CHECK(v["G"] == "after");
  CHECK(v["L"] == "after-all");
  REQUIRE(f.unevaluated.size() == 6);
  CHECK(f.unevaluated[0].loc == SourceLoc{1, 2, 1});
  CHECK(f.unevaluated[0].what == "value unknown: kubegate does not evaluate `if` blocks (B, C, D, E, F)");
  CHECK(f.unevaluated[1].loc.line == 13);
  CHECK(f.unevaluated[2].what == "kubegate does not evaluate `while` blocks");
  CHECK(f.unevaluated[5].loc.line == 19);
  // The unknown assignment inside a block is placed where it is written.
  CHECK(last(f, "B")->key_loc == SourceLoc{1, 3, 3});
}

TEST_CASE("env: source, commands, arrays, pipelines and command prefixes", "[env]") {
  auto f = parse_ok(
      "A=1\n"
      "source \"${KUBE_ROOT}/cluster/gce/config-common.sh\"\n"
      ". ./other.env\n"
      "ARR=(a b c)\n"
      "ARR[1]=x\n"
      "B=2 some-command --flag\n"
      "C=3 | cat\n"
      "declare -A MAP=([k]=v)\n"
      "ENCRYPTION=$(cat << EOM | base64\n"
      "kind: EncryptionConfig\n"
      "secret: $(dd if=/dev/random bs=32 count=1 | base64)\n"
      "EOM\n"
      ")\n"
      "cat <<-'EOF' > out.txt\n"
      "\tX=not-an-assignment ' unbalanced\n"
      "\tEOF\n"
      "D=4\n"
      "E=5\n"
      "F=6\n"
      "G=7\n");
  auto v = vars(f);
  CHECK(v["A"] == "1");
  CHECK(v["ARR"] == "<unknown>");
  CHECK(v.count("B") == 0);  // only in the command's environment
  CHECK(v["C"] == "3");
  CHECK(v["MAP"] == "<unknown>");
  CHECK(v["ENCRYPTION"] == "<unknown>");
  CHECK(v.count("X") == 0);
  CHECK(v["D"] == "4");
  CHECK(v["G"] == "7");
  std::vector<std::string> whats;
  for (const Unevaluated& u : f.unevaluated) whats.push_back(u.what);
  CHECK(whats.size() == 9);
  CHECK(std::count(whats.begin(), whats.end(), "kubegate does not follow `source` (the sourced file is not read)") ==
        1);
  CHECK(std::count(whats.begin(), whats.end(), "kubegate does not follow `.` (the sourced file is not read)") == 1);
  CHECK(std::count(whats.begin(), whats.end(), "kubegate does not run commands (`some-command`)") == 1);
  CHECK(std::count(whats.begin(), whats.end(), "kubegate does not run pipelines") == 1);
  CHECK(std::count(whats.begin(), whats.end(), "kubegate does not run commands (`cat`)") == 1);
}

TEST_CASE("env: syntax errors that make bash reject the file are load errors", "[env]") {
  auto e = parse_error("A=1\nB=\"never closed\nC=3\n");
  CHECK(e.line == 2);
  CHECK(e.column == 3);
  CHECK(e.message == "env file syntax error: unterminated double quote");
  CHECK(parse_error("A='x\n").message == "env file syntax error: unterminated single quote");
  CHECK(parse_error("A=$(date\nB=1\nC=2\n").message == "env file syntax error: unterminated $(");
  CHECK(parse_error("A=${B:-x\nC=1\n").message == "env file syntax error: unterminated ${");
  auto block = parse_error("A=1\nB=2\nC=3\nif true; then\n  D=1\n");
  CHECK(block.line == 4);
  CHECK(block.message == "env file syntax error: `if` without its `fi`");
}

TEST_CASE("env: a file that is clearly not an env file is an error with its line", "[env]") {
  auto binary = parse_error(std::string("A=1\nB=2\x00\x01zz\n", 10));
  CHECK(binary.line == 2);
  CHECK(binary.column == 4);
  CHECK(binary.message == "not an env file: binary content (a NUL byte)");
  auto yaml = parse_error("# settings\nkube_network_plugin: calico\nkube_version: v1.28.6\nA=1\n");
  CHECK(yaml.line == 2);
  CHECK(yaml.message.find("YAML") != std::string::npos);
  CHECK(parse_error("---\nall:\n  hosts: {}\n").line == 1);
  auto script = parse_error("#!/bin/sh\nset -e\nA=1\napt-get update\napt-get install -y curl\n");
  CHECK(script.line == 2);
  CHECK(script.message == "not an env file: 3 of 4 commands assign no variable (the first is here)");
  auto ini = parse_error("[all]\nnode1 ansible_host=10.0.0.1\nnode2 ansible_host=10.0.0.2\n");
  CHECK(ini.line == 1);
}

TEST_CASE("env: empty and comment-only files load, with nothing in them", "[env]") {
  CHECK(parse_ok("").assignments.empty());
  CHECK(parse_ok("# nothing\n\n").assignments.empty());
}

TEST_CASE("env: assigned names are found cheaply for discovery", "[env]") {
  auto names = env_assigned_names("export NUM_NODES=3\n  KUBE_GCE_ZONE=x\r\n#NOT=1\necho A=1\nB+=2\nNUM_NODES=4\n");
  CHECK(names == std::vector<std::string>{"NUM_NODES", "KUBE_GCE_ZONE", "B"});
}
