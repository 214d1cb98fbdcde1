// SPDX-License-Identifier: Apache-2.0
// An N-Triples (W3C RDF 1.1) reader: one triple a line, each term an IRI, a blank node or a
// literal with its language tag or datatype, escapes decoded.
//
//   ntriples_reader r{text};          // UTF-8, checked by the caller
//   rdf_triple t;
//   while (r.next(t)) {
//     if (t.error_) { report(t.line_, t.error_->column_, t.error_->message_); continue; }
//     use(t.subject_, t.predicate_, t.object_);
//   }
//
// Blank lines and `#` comments are skipped. After an error the rest of that line is skipped, so
// one bad line does not hide the errors of the lines after it. Relative IRIs and IRIs with
// spaces, quotes or angle brackets are errors (the grammar's IRIREF); `\u`/`\U` escapes must be
// Unicode scalar values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace zhitu::io::detail {

struct rdf_term {
  enum class type : unsigned char { kIri, kBlank, kLiteral };
  type type_{type::kIri};
  std::string value_;     // the IRI, the blank node's label, or the literal's decoded text
  std::string lang_;      // literal language tag, lower-cased ("zh-hans"); empty if none
  std::string datatype_;  // literal datatype IRI; empty for a plain or language-tagged string
};

struct rdf_syntax_error {
  std::size_t column_;  // 1-based, in bytes
  std::string message_;
};

struct rdf_triple {
  std::size_t line_{0};
  rdf_term subject_;
  rdf_term predicate_;
  rdf_term object_;
  std::optional<rdf_syntax_error> error_;
};

class ntriples_reader {
 public:
  explicit ntriples_reader(std::string_view text) : text_{text} {}

  // The next triple, or a line's error; false at the end of the input.
  bool next(rdf_triple& t);

 private:
  std::string_view text_;
  std::size_t pos_{0};
  std::size_t line_{0};
};

}  // namespace zhitu::io::detail
