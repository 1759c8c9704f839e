// Env files are shell scripts that are expected to do nothing but assign variables. kubegate
// reads them the way bash would, one command at a time, but runs nothing. The rules:
//
//  - A command made only of `NAME=word` (or `NAME+=word`) assignments, optionally after
//    `export` or `readonly`, assigns left to right; a later assignment sees the earlier ones.
//    `export NAME` without `=` and `unset NAME` are understood too.
//  - Words are expanded as bash expands the right-hand side of an assignment: no word
//    splitting and no pathname expansion; single quotes are literal; double quotes keep their
//    content except for `\"`, `\\`, `\$`, `` \` `` and backslash-newline; an unquoted backslash
//    escapes the next character; backslash-newline outside single quotes joins lines.
//  - `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`, `${NAME:=word}` and `${NAME=word}` are
//    evaluated, nested to any depth; `:=`/`=` also assign NAME, as bash does. A default word
//    that is not used is parsed but has no effect (no assignment, nothing reported).
//  - The environment is assumed to be clean: a variable the file has not set expands to the
//    empty string, as it would under `env -i bash -c 'source FILE'`. Values the user's shell
//    might have exported are not guessed.
//  - Anything else is not evaluated, never run: `$(...)`, backquotes, `$((...))`, other
//    `${...}` operators (`%`, `#`, `/`, `:+`, `:?`, substrings, `${#X}`, `${!X}`), special
//    parameters (`$1`, `$@`), `$'...'`, tilde expansion, arrays, `declare`, `source` and `.`,
//    functions, pipelines, redirections, commands after `&&`/`||`, and compound commands
//    (`if`, `case`, `for`, `while`, `until`, `select`, `{ }`, `( )`). Each is recorded once, at
//    the position where it starts, in EnvFile::unevaluated. A value that depends on one is
//    unknown. A compound command is skipped to its matching end (`fi`, `esac`, `done`, `}`,
//    `)`), and every variable assigned anywhere inside it becomes unknown, because whether and
//    how it runs cannot be told. The rest of the file is still read.
//  - A command that is not an assignment runs with any `NAME=value` prefix in its own
//    environment only, so such a prefix changes nothing here (the command is reported).
//  - Heredocs after a skipped command are skipped up to their delimiter. Inside `$(...)` the
//    text is only scanned for balanced parentheses and quotes.
//  - CRLF line ends are read as LF (bash would keep the CR in the value; users mean a line end).
//
// Syntax errors that make bash reject the file (an unterminated quote, `$(`, `${` or `if`) are
// load errors, and so is a file that is clearly not an env file: binary content, YAML, or more
// commands that assign nothing than commands that assign.
#include "load/kubeup/env.hpp"

#include <cstring>
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "load/common/limits.hpp"

namespace kubegate {

namespace {

bool is_name_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
bool is_blank(char c) { return c == ' ' || c == '\t'; }
/// Characters that end an unquoted word.
bool is_meta(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' ||
         c == ')';
}

/// A syntax error that makes bash reject the file.
struct SyntaxError {
  SourceLoc at;
  std::string message;
};

/// A word's value while it is expanded.
struct Str {
  std::string text;
  bool unknown = false;
  /// The construct that made it unknown ("$(...)").
  std::string why;
  bool quoted = false;

  void add(const Str& o) {
    text += o.text;
    if (o.unknown && !unknown) {
      unknown = true;
      why = o.why;
    }
    quoted = quoted || o.quoted;
  }
  void add(char c) { text += c; }
};

/// A variable as the file has set it so far.
struct Var {
  std::string text;
  bool unknown = false;
  std::string why;
};

/// What ends a word: an unquoted blank or operator, or an unquoted `}` (a `${...}` default).
enum class Stop { word, brace };

struct Token {
  enum Kind { word, op, newline, eof } kind = eof;
  std::string text;
  SourceLoc loc;
};

std::string join(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, std::uint32_t file, EnvFile& out) : s_(text), file_(file), out_(out) {}

  /// Reads the whole text.
  void run() {
    for (;;) {
      skip_blanks();
      if (eof()) break;
      char c = peek();
      if (c == '\n') {
        next();
        heredocs();
        continue;
      }
      if (c == ';') {
        next();
        continue;
      }
      if (c == '#') {
        skip_line();
        continue;
      }
      command();
    }
  }

  /// The first top-level command that assigns nothing.
  SourceLoc first_other() const { return first_other_; }

 private:
  // --- cursor ---------------------------------------------------------------------------
  bool eof() const { return i_ >= s_.size(); }
  char peek(std::size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  SourceLoc loc() const { return {file_, line_, col_}; }
  void next(std::size_t n = 1) {
    while (n-- > 0 && !eof()) {
      if (s_[i_] == '\n') {
        ++line_;
        col_ = 1;
      } else {
        ++col_;
      }
      ++i_;
    }
  }
  /// Skips backslash-newline pairs (line continuations).
  void continuations() {
    while (peek() == '\\' && peek(1) == '\n') next(2);
  }
  void skip_blanks() {
    for (;;) {
      continuations();
      if (!is_blank(peek())) break;
      next();
    }
  }
  void skip_line() {
    while (!eof() && peek() != '\n') next();
  }
  std::string read_name() {
    std::string name;
    while (is_name_char(peek())) {
      name += peek();
      next();
    }
    return name;
  }

  // --- reporting --------------------------------------------------------------------------
  /// Records a construct that is not evaluated (never while parsing an unused default).
  void note(SourceLoc at, const std::string& action, const std::vector<std::string>& names) {
    if (dry_ > 0) return;
    out_.unevaluated.push_back({at, names.empty()
                                        ? fmt::format("kubegate {}", action)
                                        : fmt::format("value unknown: kubegate {} ({})", action, join(names))});
  }
  /// An unknown piece of a word, reported against the variable being assigned.
  Str unknown(SourceLoc at, const std::string& construct, const std::string& action) {
    std::vector<std::string> names;
    if (!target_.empty()) names.push_back(target_);
    note(at, action, names);
    Str s;
    s.unknown = true;
    s.why = construct;
    return s;
  }
  void other(SourceLoc at) {
    ++out_.other_commands;
    if (!first_other_.known()) first_other_ = at;
  }

  // --- variables --------------------------------------------------------------------------
  void assign(const std::string& name, SourceLoc key, SourceLoc value_loc, const Str& v, bool by_default) {
    if (dry_ > 0) return;
    vars_[name] = {v.text, v.unknown, v.why};
    Value value = v.unknown ? Value::make_unknown(v.why, value_loc) : Value::make_string(v.text, value_loc, v.quoted);
    out_.assignments.push_back({name, key, std::move(value), by_default, false});
  }
  void assign_unknown(const std::string& name, SourceLoc key, const std::string& why) {
    Str v;
    v.unknown = true;
    v.why = why;
    assign(name, key, key, v, false);
  }
  Str lookup(const std::string& name) const {
    Str s;
    auto it = vars_.find(name);
    if (it == vars_.end()) return s;  // unset: empty in a clean environment
    s.text = it->second.text;
    s.unknown = it->second.unknown;
    s.why = it->second.why;
    return s;
  }

  // --- words ------------------------------------------------------------------------------
  /// Expands one word from the cursor. `in_dquote`: the word is a `${...}` default inside
  /// double quotes (single quotes are literal there). `value_start`: the word is the value of
  /// an assignment (a leading `~` is tilde expansion).
  Str word(Stop stop, bool in_dquote = false, bool value_start = false) {
    Str out;
    bool first = true;
    for (;; first = false) {
      continuations();
      if (eof()) break;
      char c = peek();
      if (stop == Stop::word && is_meta(c)) break;
      if (stop == Stop::brace && c == '}') break;
      if (c == '\\') {
        char e = peek(1);
        if (in_dquote && !std::strchr("$`\"\\}", e)) {
          out.add('\\');
          next();
          continue;
        }
        next(e == '\0' ? 1 : 2);
        out.add(e == '\0' ? '\\' : e);
        out.quoted = true;
      } else if (c == '\'' && !in_dquote) {
        out.add(single_quoted());
      } else if (c == '"') {
        out.add(double_quoted());
      } else if (c == '$') {
        out.add(dollar(in_dquote));
      } else if (c == '`') {
        out.add(backquoted());
      } else if (c == '~' && first && value_start) {
        SourceLoc at = loc();
        next();
        out.add(unknown(at, "~", "does not expand ~ (it depends on HOME)"));
      } else {
        out.add(c);
        next();
      }
    }
    return out;
  }

  Str single_quoted() {
    SourceLoc open = loc();
    next();
    Str s;
    s.quoted = true;
    while (!eof() && peek() != '\'') {
      s.add(peek());
      next();
    }
    if (eof()) throw SyntaxError{open, "unterminated single quote"};
    next();
    return s;
  }

  Str double_quoted() {
    SourceLoc open = loc();
    Nest nest(*this, open);
    next();
    Str s;
    s.quoted = true;
    for (;;) {
      continuations();
      if (eof()) throw SyntaxError{open, "unterminated double quote"};
      char c = peek();
      if (c == '"') break;
      if (c == '\\' && std::strchr("$`\"\\", peek(1)) && peek(1) != '\0') {
        s.add(peek(1));
        next(2);
      } else if (c == '$') {
        s.add(dollar(true));
      } else if (c == '`') {
        s.add(backquoted());
      } else {
        s.add(c);
        next();
      }
    }
    next();
    return s;
  }

  Str backquoted() {
    SourceLoc open = loc();
    next();
    while (!eof() && peek() != '`') next(peek() == '\\' ? 2 : 1);
    if (eof()) throw SyntaxError{open, "unterminated backquote"};
    next();
    return unknown(open, "`...`", "does not run `...`");
  }

  /// Counts one level of nesting while a construct that may nest is read; past
  /// limits::kEnvNesting the file is refused (bash has no limit, kubegate's stack has).
  class Nest {
   public:
    Nest(Parser& p, SourceLoc at) : p_(p) {
      if (p_.nesting_ >= limits::kEnvNesting)
        throw SyntaxError{at,
                          fmt::format("nested deeper than {} levels of ${{...}}, $(...) and quotes (kubegate's limit)",
                                      limits::kEnvNesting)};
      ++p_.nesting_;
    }
    ~Nest() { --p_.nesting_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser& p_;
  };

  /// At `$`.
  Str dollar(bool in_dquote) {
    SourceLoc at = loc();
    Nest nest(*this, at);
    char c = peek(1);
    if (c == '(') {
      next();
      bool arithmetic = peek(1) == '(';
      skip_parens(at);
      return arithmetic ? unknown(at, "$((...))", "does not evaluate $((...))")
                        : unknown(at, "$(...)", "does not run $(...)");
    }
    if (c == '{') return braced(in_dquote);
    if (is_name_start(c)) {
      next();
      return lookup(read_name());
    }
    if ((c >= '0' && c <= '9') || (c != '\0' && std::strchr("@*#?$!-", c))) {
      next(2);
      return unknown(at, fmt::format("${}", c), fmt::format("does not evaluate special parameter ${}", c));
    }
    if (c == '\'' && !in_dquote) {
      next(2);
      while (!eof() && peek() != '\'') next(peek() == '\\' ? 2 : 1);
      if (eof()) throw SyntaxError{at, "unterminated $'...'"};
      next();
      return unknown(at, "$'...'", "does not evaluate $'...'");
    }
    if (c == '"' && !in_dquote) {  // $"...": translated text, the same in a clean (C) locale
      next();
      return double_quoted();
    }
    next();
    Str s;
    s.add('$');
    return s;
  }

  /// At `${`.
  Str braced(bool in_dquote) {
    SourceLoc at = loc();
    next(2);
    SourceLoc name_loc = loc();
    char c = peek();
    if (!is_name_start(c)) {
      std::string shown = c == '#' || c == '!' ? fmt::format("${{{}...}}", c) : "${...}";
      skip_brace(at);
      return unknown(at, shown, fmt::format("does not evaluate {}", shown));
    }
    std::string name = read_name();
    c = peek();
    if (c == '}') {
      next();
      return lookup(name);
    }
    std::string op;
    if (c == ':' && (peek(1) == '-' || peek(1) == '=')) {
      op = {c, peek(1)};
    } else if (c == '-' || c == '=') {
      op = {c};
    }
    if (op.empty()) {
      std::string shown =
          fmt::format("${{{}{}...}}", name,
                      c == ':' && peek(1) != '\0' && !is_blank(peek(1)) ? std::string{c, peek(1)} : std::string{c});
      skip_brace(at);
      return unknown(at, shown, fmt::format("does not evaluate {}", shown));
    }
    next(op.size());
    auto it = vars_.find(name);
    const bool set = it != vars_.end();
    const bool unknown_var = set && it->second.unknown;
    const bool use_default = !unknown_var && (!set || (op[0] == ':' && it->second.text.empty()));
    SourceLoc word_loc = loc();
    if (!use_default) ++dry_;
    Str d = word(Stop::brace, in_dquote);
    if (!use_default) --dry_;
    if (peek() != '}') throw SyntaxError{at, "unterminated ${"};
    next();
    if (!use_default) return lookup(name);
    if (op.back() == '=') assign(name, name_loc, word_loc, d, true);
    return d;
  }

  /// From a `(` (of `$(` or a command) to its matching `)`, over quotes and nested parentheses;
  /// `depth` counts parentheses already read.
  void skip_parens(SourceLoc open, int depth = 0) {
    Nest nest(*this, open);
    bool word_start = true;
    for (;;) {
      if (eof()) throw SyntaxError{open, "unterminated $("};
      char c = peek();
      if (c == '(') {
        ++depth;
      } else if (c == ')') {
        if (--depth == 0) {
          next();
          return;
        }
      } else if (c == '\\') {
        next();
      } else if (c == '\'') {
        skip_raw_single();
        word_start = false;
        continue;
      } else if (c == '"') {
        skip_raw_double();
        word_start = false;
        continue;
      } else if (c == '`') {
        (void)backquoted_raw();
        word_start = false;
        continue;
      } else if (c == '#' && word_start) {
        skip_line();
        continue;
      }
      word_start = is_blank(c) || c == '\n' || c == ';' || c == '(' || c == '|' || c == '&';
      next();
    }
  }
  void skip_raw_single() {
    SourceLoc open = loc();
    next();
    while (!eof() && peek() != '\'') next();
    if (eof()) throw SyntaxError{open, "unterminated single quote"};
    next();
  }
  void skip_raw_double() {
    SourceLoc open = loc();
    Nest nest(*this, open);
    next();
    while (!eof() && peek() != '"') {
      if (peek() == '\\') {
        next(2);
      } else if (peek() == '$' && peek(1) == '(') {
        SourceLoc at = loc();
        next();
        skip_parens(at);
      } else if (peek() == '`') {
        backquoted_raw();
      } else {
        next();
      }
    }
    if (eof()) throw SyntaxError{open, "unterminated double quote"};
    next();
  }
  bool backquoted_raw() {
    SourceLoc open = loc();
    next();
    while (!eof() && peek() != '`') next(peek() == '\\' ? 2 : 1);
    if (eof()) throw SyntaxError{open, "unterminated backquote"};
    next();
    return true;
  }
  /// From inside `${` to its matching `}`.
  void skip_brace(SourceLoc open) {
    int depth = 1;
    while (depth > 0) {
      if (eof()) throw SyntaxError{open, "unterminated ${"};
      char c = peek();
      if (c == '\\') {
        next(2);
      } else if (c == '\'') {
        skip_raw_single();
      } else if (c == '"') {
        skip_raw_double();
      } else if (c == '$' && peek(1) == '{') {
        ++depth;
        next(2);
      } else if (c == '$' && peek(1) == '(') {
        SourceLoc at = loc();
        next();
        skip_parens(at);
      } else {
        if (c == '}') --depth;
        next();
      }
    }
  }

  // --- tokens (for commands that are skipped) -----------------------------------------------
  Token token() {
    for (;;) {
      skip_blanks();
      Token t;
      t.loc = loc();
      if (eof()) return t;
      char c = peek();
      if (c == '#') {
        skip_line();
        continue;
      }
      if (c == '\n') {
        next();
        heredocs();
        t.kind = Token::newline;
        return t;
      }
      if (is_meta(c)) {
        static const char* const kOps[] = {";;&", ";;", ";&", "&&", "||", "|&", "((", "<<<", "<<-", "<<", ">>", "<&",
                                           ">&",  "<>", "&>", ">|", ";",  "&",  "|",  "(",   ")",   "<",  ">"};
        for (const char* op : kOps) {
          std::size_t n = std::strlen(op);
          if (s_.substr(i_, n) == op) {
            t.kind = Token::op;
            t.text = op;
            next(n);
            return t;
          }
        }
      }
      std::size_t begin = i_;
      ++dry_;
      (void)word(Stop::word);
      --dry_;
      t.kind = Token::word;
      t.text = std::string(s_.substr(begin, i_ - begin));
      return t;
    }
  }

  /// After a newline: skips the bodies of heredocs announced on the line.
  void heredocs() {
    for (const auto& [delimiter, strip_tabs] : pending_heredocs_) {
      while (!eof()) {
        std::size_t end = s_.find('\n', i_);
        std::string_view line = s_.substr(i_, end == std::string_view::npos ? std::string_view::npos : end - i_);
        if (strip_tabs)
          while (!line.empty() && line.front() == '\t') line.remove_prefix(1);
        skip_line();
        next();
        if (line == delimiter) break;
      }
    }
    pending_heredocs_.clear();
  }

  static std::string closer(const std::string& opener) {
    if (opener == "if") return "fi";
    if (opener == "case") return "esac";
    if (opener == "{") return "}";
    if (opener == "(") return ")";
    return "done";
  }

  /// Skips one list of commands (up to a newline or `;` outside any compound command); every
  /// variable assigned inside becomes unknown; records `action` at `start`.
  void skip_list(SourceLoc start, const std::string& action) {
    std::vector<std::pair<std::string, SourceLoc>> names;
    std::vector<std::pair<std::string, SourceLoc>> stack;
    bool cmd = true;
    std::string builtin;
    for (;;) {
      Token t = token();
      if (t.kind == Token::eof) {
        if (!stack.empty())
          throw SyntaxError{stack.back().second,
                            fmt::format("`{}` without its `{}`", stack.back().first, closer(stack.back().first))};
        break;
      }
      if (t.kind == Token::newline) {
        if (stack.empty()) break;
        cmd = true;
        builtin.clear();
        continue;
      }
      const std::string& w = t.text;
      if (t.kind == Token::op) {
        if (stack.empty() && (w == ";" || w == "&")) break;
        if (w == "((" && cmd) {
          skip_parens(t.loc, 2);  // an arithmetic command, to its `))`
          cmd = false;
          continue;
        }
        if (w == "(" || w == "((") {
          for (std::size_t k = 0; k < w.size(); ++k) stack.push_back({"(", t.loc});
          cmd = true;
        } else if (w == ")") {
          if (!stack.empty() && stack.back().first == "(") stack.pop_back();
          cmd = true;
        } else if (w == "<<" || w == "<<-") {
          Token d = token();
          std::string delimiter;
          for (char ch : d.text)
            if (ch != '\'' && ch != '"' && ch != '\\') delimiter += ch;
          pending_heredocs_.push_back({delimiter, w == "<<-"});
        } else if (w[0] == '<' || w[0] == '>' || w == "&>") {
          (void)token();  // the redirection target
        } else {
          cmd = true;
          builtin.clear();
        }
        continue;
      }
      if (cmd) {
        if (w == "if" || w == "case" || w == "for" || w == "while" || w == "until" || w == "select" || w == "{") {
          stack.push_back({w, t.loc});
          cmd = w == "if" || w == "while" || w == "until" || w == "{";
          continue;
        }
        if (w == "fi" || w == "esac" || w == "done" || w == "}") {
          if (!stack.empty() && closer(stack.back().first) == w) stack.pop_back();
          cmd = false;
          continue;
        }
        if (w == "then" || w == "do" || w == "else" || w == "elif" || w == "!" || w == "time") continue;
        if (w == "function") {
          (void)token();  // the name
          continue;
        }
        if (std::size_t n = assigned_name_length(w); n > 0) {
          names.push_back({w.substr(0, n), t.loc});
          continue;
        }
        if (w == "export" || w == "readonly" || w == "declare" || w == "typeset" || w == "local" || w == "read" ||
            w == "unset")
          builtin = w;
        cmd = false;
        continue;
      }
      if (!builtin.empty() && !w.empty() && w[0] != '-') {
        std::size_t n = 0;
        while (n < w.size() && is_name_char(w[n])) ++n;
        if (n > 0 && is_name_start(w[0])) names.push_back({w.substr(0, n), t.loc});
      }
    }
    std::vector<std::string> shown;
    std::set<std::string> seen;
    for (const auto& [name, at] : names) {
      assign_unknown(name, at, fmt::format("<unknown: set where kubegate {}>", action));
      if (seen.insert(name).second) shown.push_back(name);
    }
    note(start, action, shown);
  }

  /// Length of NAME in a word `NAME=...`, `NAME+=...` or `NAME[...]=...`; 0 otherwise.
  static std::size_t assigned_name_length(std::string_view w) {
    if (w.empty() || !is_name_start(w[0])) return 0;
    std::size_t n = 1;
    while (n < w.size() && is_name_char(w[n])) ++n;
    if (n < w.size() && w[n] == '=') return n;
    if (n + 1 < w.size() && w[n] == '+' && w[n + 1] == '=') return n;
    if (n < w.size() && w[n] == '[' && w.find("]=", n) != std::string_view::npos) return n;
    return 0;
  }

  // --- commands ---------------------------------------------------------------------------
  /// The next word when it is made only of plain characters (a possible keyword); else "".
  std::string bare_word_ahead() const {
    std::size_t j = i_;
    while (j < s_.size() && !is_meta(s_[j]) && !std::strchr("'\"$`\\", s_[j])) ++j;
    if (j < s_.size() && !is_meta(s_[j])) return {};
    return std::string(s_.substr(i_, j - i_));
  }
  bool assignment_ahead() const {
    std::size_t j = i_;
    if (j >= s_.size() || !is_name_start(s_[j])) return false;
    while (j < s_.size() && is_name_char(s_[j])) ++j;
    if (j < s_.size() && s_[j] == '=') return true;
    if (j + 1 < s_.size() && s_[j] == '+' && s_[j + 1] == '=') return true;
    return j < s_.size() && s_[j] == '[';
  }
  bool function_ahead(std::size_t after) const {
    std::size_t j = i_ + after;
    while (j < s_.size() && is_blank(s_[j])) ++j;
    if (j >= s_.size() || s_[j] != '(') return false;
    ++j;
    while (j < s_.size() && is_blank(s_[j])) ++j;
    return j < s_.size() && s_[j] == ')';
  }

  void command() {
    SourceLoc start = loc();
    const std::string kw = bare_word_ahead();
    // Compound commands and functions count as neither kind: they hold the conditional
    // assignments env files do have.
    if (peek() == '(') {
      skip_list(start, peek(1) == '(' ? "does not evaluate ((...))" : "does not run subshells (...)");
      return;
    }
    static const std::set<std::string> kCompound = {"if", "case", "for", "while", "until", "select", "{", "function"};
    if (kCompound.count(kw)) {
      skip_list(start, kw == "function"
                           ? "does not run functions"
                           : fmt::format("does not evaluate `{}` {}", kw, kw == "{" ? "groups" : "blocks"));
      return;
    }
    if (kw == "source" || kw == ".") {
      other(start);
      skip_list(start, fmt::format("does not follow `{}` (the sourced file is not read)", kw));
      return;
    }
    if (kw == "export" || kw == "readonly") {
      declaration(kw);
      return;
    }
    if (kw == "unset") {
      unset();
      return;
    }
    if (assignment_ahead()) {
      assignments(start);
      return;
    }
    if (!kw.empty() && function_ahead(kw.size())) {
      skip_list(start, fmt::format("does not run functions (`{}`)", kw));
      return;
    }
    other(start);
    skip_list(start, fmt::format("does not run commands (`{}`)", kw.empty() ? "..." : kw));
  }

  /// One `NAME=word`, `NAME+=word`, `NAME=(...)` or `NAME[i]=word` at the cursor.
  void one_assignment() {
    SourceLoc key = loc();
    std::string name = read_name();
    if (peek() == '[') {
      ++dry_;
      (void)word(Stop::word);
      --dry_;
      target_ = name;
      (void)unknown(key, "array", "does not evaluate arrays");
      target_.clear();
      assign_unknown(name, key, "array");
      return;
    }
    const bool append = peek() == '+';
    next(append ? 2 : 1);
    SourceLoc value_loc = loc();
    target_ = name;
    if (peek() == '(') {
      skip_parens(value_loc);
      (void)unknown(value_loc, "array", "does not evaluate arrays");
      target_.clear();
      assign_unknown(name, key, "array");
      return;
    }
    const std::size_t begin = i_;
    Str v = word(Stop::word, false, true);
    target_.clear();
    if (v.unknown) v.why = std::string(s_.substr(begin, i_ - begin));
    if (append) {
      Str joined = lookup(name);
      joined.add(v);
      v = joined;
    }
    assign(name, key, value_loc, v, false);
  }

  /// `NAME=word...` with nothing else: assignments in the shell itself.
  void assignments(SourceLoc start) {
    const auto vars_before = vars_;
    const std::size_t assigned_before = out_.assignments.size();
    while (assignment_ahead()) {
      one_assignment();
      skip_blanks();
    }
    char c = peek();
    if (!eof() && c != '\n' && c != ';' && c != '#' && !is_meta(c)) {
      // `NAME=value command`: the value is only in the command's environment.
      vars_ = vars_before;
      out_.assignments.resize(assigned_before);
      const std::string kw = bare_word_ahead();
      other(start);
      skip_list(loc(), fmt::format("does not run commands (`{}`)", kw.empty() ? "..." : kw));
      return;
    }
    ++out_.assignment_commands;
    rest_of_list();
  }

  /// `export`/`readonly` followed by names and assignments.
  void declaration(const std::string& kw) {
    next(kw.size());
    ++out_.assignment_commands;
    for (;;) {
      skip_blanks();
      char c = peek();
      if (eof() || c == '\n' || c == ';' || c == '#' || is_meta(c)) break;
      if (assignment_ahead()) {
        one_assignment();
        continue;
      }
      ++dry_;
      (void)word(Stop::word);  // an option (-n) or a name exported as it is
      --dry_;
    }
    rest_of_list();
  }

  void unset() {
    next(5);
    ++out_.assignment_commands;
    bool functions = false;
    for (;;) {
      skip_blanks();
      char c = peek();
      if (eof() || c == '\n' || c == ';' || c == '#' || is_meta(c)) break;
      SourceLoc at = loc();
      std::size_t begin = i_;
      ++dry_;
      (void)word(Stop::word);
      --dry_;
      std::string w(s_.substr(begin, i_ - begin));
      if (w == "-f") functions = true;
      if (w.empty() || w[0] == '-' || functions || !is_name_start(w[0])) continue;
      vars_.erase(w);
      if (dry_ == 0) out_.assignments.push_back({w, at, Value{}, false, true});
    }
    rest_of_list();
  }

  /// After an evaluated command: a `&&`, `||`, pipe, `&` or redirection makes the rest of the
  /// list conditional or run elsewhere.
  void rest_of_list() {
    skip_blanks();
    char c = peek();
    if (eof() || c == '\n' || c == ';' || c == '#') return;
    SourceLoc at = loc();
    if (c == '&' && peek(1) == '&') return skip_list(at, "does not evaluate commands after `&&`");
    if (c == '|' && peek(1) == '|') return skip_list(at, "does not evaluate commands after `||`");
    if (c == '|') return skip_list(at, "does not run pipelines");
    if (c == '&') return skip_list(at, "does not run background commands");
    if (c == '<' || c == '>') return skip_list(at, "does not perform redirections");
    skip_list(at, fmt::format("does not understand `{}` here", c));
  }

  std::string_view s_;
  std::size_t i_ = 0;
  std::uint32_t file_;
  std::uint32_t line_ = 1;
  std::uint32_t col_ = 1;
  EnvFile& out_;
  std::map<std::string, Var> vars_;
  /// The variable whose value is being expanded (named in reports).
  std::string target_;
  /// Above 0 while parsing text whose effects do not happen (an unused default, a skipped word).
  int dry_ = 0;
  /// Constructs being read that may nest (see Nest).
  int nesting_ = 0;
  std::vector<std::pair<std::string, bool>> pending_heredocs_;
  SourceLoc first_other_;
};

/// The line and column of byte `at`.
std::pair<std::uint32_t, std::uint32_t> position(std::string_view text, std::size_t at) {
  std::uint32_t line = 1, col = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

/// Binary content or YAML: clearly not an env file.
bool precheck(std::string_view text, LoadError& error) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b) ||
        c == 0x7f) {
      auto [line, col] = position(text, i);
      error.line = line;
      error.column = col;
      error.message = c == 0 ? "not an env file: binary content (a NUL byte)"
                             : fmt::format("not an env file: binary content (control character 0x{:02x})", c);
      return false;
    }
  }
  std::uint32_t yaml = 0, assigns = 0, first_yaml = 0, line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    ++line_no;
    pos = end == std::string_view::npos ? text.size() + 1 : end + 1;
    while (!line.empty() && (line.back() == '\r' || is_blank(line.back()))) line.remove_suffix(1);
    std::size_t indent = 0;
    while (indent < line.size() && is_blank(line[indent])) ++indent;
    std::string_view body = line.substr(indent);
    if (body.empty() || body[0] == '#') continue;
    if ((line_no == 1 || yaml == 0) && (body == "---" || body.rfind("%YAML", 0) == 0)) {
      error.line = line_no;
      error.column = 1;
      error.message = "not an env file: a YAML document (env files assign with KEY=value lines)";
      return false;
    }
    std::size_t n = 0;
    if (body.rfind("export ", 0) == 0) body.remove_prefix(7);
    while (n < body.size() && is_name_char(body[n])) ++n;
    if (n > 0 && is_name_start(body[0]) && n < body.size() && (body[n] == '=' || body.substr(n, 2) == "+=")) {
      ++assigns;
      continue;
    }
    std::size_t k = 0;
    while (k < body.size() && (is_name_char(body[k]) || body[k] == '.' || body[k] == '-' || body[k] == '"')) ++k;
    bool mapping = k > 0 && k < body.size() && body[k] == ':' && (k + 1 == body.size() || is_blank(body[k + 1]));
    bool item = body.size() >= 2 && body[0] == '-' && is_blank(body[1]);
    if (mapping || item) {
      if (yaml++ == 0) first_yaml = line_no;
    }
  }
  if (yaml > 0 && yaml >= assigns) {
    error.line = first_yaml;
    error.column = 1;
    error.message = "not an env file: `key: value` lines are YAML (env files assign with KEY=value lines)";
    return false;
  }
  return true;
}

}  // namespace

bool parse_env(std::string_view text, std::uint32_t file, EnvFile& out, LoadError& error) {
  if (!precheck(text, error)) return false;
  // CRLF -> LF; the CR is the last character of its line, so columns do not move.
  std::string normal;
  normal.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i)
    if (!(text[i] == '\r' && (i + 1 == text.size() || text[i + 1] == '\n'))) normal += text[i];
  Parser p(normal, file, out);
  try {
    p.run();
  } catch (const SyntaxError& e) {
    error.line = e.at.line;
    error.column = e.at.column;
    error.message = fmt::format("env file syntax error: {}", e.message);
    return false;
  }
  if (out.other_commands > out.assignment_commands) {
    error.line = p.first_other().line;
    error.column = p.first_other().column;
    error.message = fmt::format("not an env file: {} of {} commands assign no variable (the first is here)",
                                out.other_commands, out.other_commands + out.assignment_commands);
    return false;
  }
  return true;
}

std::vector<std::string> env_assigned_names(std::string_view text) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? text.size() : end + 1;
    while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
    for (std::string_view kw : {"export", "readonly"})
      if (line.rfind(kw, 0) == 0 && line.size() > kw.size() && is_blank(line[kw.size()])) {
        line.remove_prefix(kw.size());
        while (!line.empty() && is_blank(line.front())) line.remove_prefix(1);
      }
    std::size_t n = 0;
    while (n < line.size() && is_name_char(line[n])) ++n;
    if (n == 0 || !is_name_start(line[0]) || n >= line.size()) continue;
    if (line[n] == '=' || line.substr(n, 2) == "+=") {
      std::string name(line.substr(0, n));
      if (seen.insert(name).second) out.push_back(name);
    }
  }
  return out;
}

}  // namespace kubegate
