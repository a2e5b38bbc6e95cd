/// A fast reader for the plain front matter almost every note has: `key: value` lines,
/// quoted strings, one-line `[a, b]` lists and `{ a: b }` maps, one level of indented
/// mappings or `- item` lists, and `|` block text.
///
/// It gives exactly the `YAMLNode` that Yams gives for such text, about twenty times
/// faster (Yams is the largest cost per note, see TECH-NOTES.md). On anything else —
/// anchors, tags, multi-line plain scalars, escapes, deeper nesting, duplicate keys,
/// errors — it returns nil and the caller hands the text to Yams, which also reports
/// every error with its line.
enum SimpleYAML {
    static func parse(_ yaml: String, firstLine: Int) -> YAMLNode? {
        var yaml = yaml
        // Lines are views of the text's bytes, read while the text holds still: no line is
        // copied (a front matter has a dozen; ten thousand notes, a hundred thousand).
        return yaml.withUTF8 { bytes -> YAMLNode? in
            var lines: [Line] = []
            var start = 0
            var previous: UInt8 = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == 0x0A {
                    lines.append(Line(rebasing: bytes[start..<index]))
                    start = index + 1
                } else {
                    if byte == 0x09 || byte == 0x0D { return nil }  // tabs and stray CRs: leave to Yams
                    // Control characters (C0, DEL, and C1 as UTF-8 `C2 80`-`C2 9F`) are errors that
                    // Yams reports with their line; never accept them here.
                    if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) { return nil }
                }
                previous = byte
            }
            lines.append(Line(rebasing: bytes[start..<bytes.count]))
            var reader = Reader(lines: lines, firstLine: firstLine)
            return reader.document()
        }
    }

    /// One line of the front matter, without its line end.
    private typealias Line = UnsafeBufferPointer<UInt8>

    /// What may not start a plain scalar (but see `isPlainStart`).
    private static let indicators: [UInt8] = Array("-?:,[]{}#&*!|>'\"%@`".utf8)

    private struct Reader {
        let lines: [Line]
        let firstLine: Int
        var index = 0

        mutating func document() -> YAMLNode? {
            var entries: [YAMLEntry] = []
            var keys = SeenKeys()
            var firstContent: (Int, Int)? = nil
            while index < lines.count {
                let line = lines[index]
                if isBlankOrComment(line) { index += 1; continue }
                guard line[0] != 0x20, let (key, valueStart) = keyAndValue(line, from: 0) else { return nil }
                guard keys.insert(key) else { return nil }
                let lineNumber = firstLine + index
                if firstContent == nil { firstContent = (lineNumber, 1) }
                index += 1
                guard let value = value(line, from: valueStart, lineNumber: lineNumber, indent: 0) else { return nil }
                entries.append(YAMLEntry(key: key, keyLine: lineNumber, keyColumn: 1, value: value))
            }
            guard let (line, column) = firstContent else { return nil }
            return YAMLNode(kind: .mapping(entries), line: line, column: column)
        }

        /// The value after `key:`; may consume following indented lines.
        mutating func value(_ line: Line, from start: Int, lineNumber: Int, indent: Int) -> YAMLNode? {
            var position = start
            while position < line.count, line[position] == 0x20 { position += 1 }
            if position >= line.count || line[position] == UInt8(ascii: "#") {
                if position < line.count && position == start { return nil }
                // Empty value: a nested block if the next content line is indented deeper.
                if indent == 0 {
                    let before = index
                    if let block = nestedBlock() { return block }
                    // The block began but was not simple (found by fuzzing: an unclosed quote
                    // in its fourth line): taking the value as empty dropped the lines read.
                    if index != before { return nil }
                }
                // Yams puts an empty value just after the colon, spaces and comment aside.
                return YAMLNode(kind: .scalar("", isPlain: true), line: lineNumber, column: characterColumn(line, start))
            }
            let column = characterColumn(line, position)
            let byte = line[position]
            if byte == UInt8(ascii: "|") {
                guard indent == 0, restIsBlank(line, from: position + 1) else { return nil }
                return literalBlock(lineNumber: lineNumber, column: column)
            }
            guard let (node, end) = inlineValue(line, from: position, lineNumber: lineNumber), restIsBlank(line, from: end)
            else { return nil }
            return node
        }

        /// `"…"`, `'…'`, `[…]`, `{…}` or a plain scalar, on one line.
        func inlineValue(_ line: Line, from position: Int, lineNumber: Int) -> (YAMLNode, Int)? {
            let column = characterColumn(line, position)
            switch line[position] {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard let (text, end) = quoted(line, from: position) else { return nil }
                return (YAMLNode(kind: .scalar(text, isPlain: false), line: lineNumber, column: column), end)
            case UInt8(ascii: "["):
                var items: [YAMLNode] = []
                var cursor = position + 1
                while true {
                    while cursor < line.count, line[cursor] == 0x20 { cursor += 1 }
                    guard cursor < line.count else { return nil }
                    if line[cursor] == UInt8(ascii: "]") {
                        guard items.isEmpty || line[cursor - 1] != UInt8(ascii: ",") else { return nil }
                        return (YAMLNode(kind: .sequence(items), line: lineNumber, column: column), cursor + 1)
                    }
                    guard let (item, end) = flowScalar(line, from: cursor, lineNumber: lineNumber, closing: UInt8(ascii: "]")) else { return nil }
                    items.append(item)
                    cursor = end
                    while cursor < line.count, line[cursor] == 0x20 { cursor += 1 }
                    guard cursor < line.count else { return nil }
                    if line[cursor] == UInt8(ascii: ",") { cursor += 1 } else if line[cursor] != UInt8(ascii: "]") { return nil }
                }
            case UInt8(ascii: "{"):
                var entries: [YAMLEntry] = []
                var keys = SeenKeys()
                var cursor = position + 1
                while true {
                    while cursor < line.count, line[cursor] == 0x20 { cursor += 1 }
                    guard cursor < line.count else { return nil }
                    if line[cursor] == UInt8(ascii: "}") {
                        return (YAMLNode(kind: .mapping(entries), line: lineNumber, column: column), cursor + 1)
                    }
                    let keyColumn = characterColumn(line, cursor)
                    guard let (key, afterColon) = keyAndValue(line, from: cursor), keys.insert(key) else { return nil }
                    cursor = afterColon
                    while cursor < line.count, line[cursor] == 0x20 { cursor += 1 }
                    guard cursor < line.count, let (value, end) = flowScalar(line, from: cursor, lineNumber: lineNumber, closing: UInt8(ascii: "}"))
                    else { return nil }
                    entries.append(YAMLEntry(key: key, keyLine: lineNumber, keyColumn: keyColumn, value: value))
                    cursor = end
                    while cursor < line.count, line[cursor] == 0x20 { cursor += 1 }
                    guard cursor < line.count else { return nil }
                    if line[cursor] == UInt8(ascii: ",") { cursor += 1 } else if line[cursor] != UInt8(ascii: "}") { return nil }
                }
            default:
                guard isPlainStart(line, at: position) else { return nil }
                let end = contentEnd(line, from: position)
                let text = line[position..<end]
                // ": " and " #" change the meaning of a plain scalar; leave them to Yams.
                // (A plain loop over positions: the slice's generic `indices` cost a thousand
                // instructions a value.)
                var offset = text.startIndex
                while offset + 1 < text.endIndex {
                    let (byte, next) = (text[offset], text[offset + 1])
                    if (byte == UInt8(ascii: ":") && next == 0x20) || (byte == 0x20 && next == UInt8(ascii: "#")) { return nil }
                    offset += 1
                }
                if text.last == UInt8(ascii: ":") { return nil }
                return (YAMLNode(kind: .scalar(String(decoding: text, as: UTF8.self), isPlain: true), line: lineNumber, column: column), end)
            }
        }

        /// A quoted scalar or a plain one inside `[…]`/`{…}`, ending before a comma or the
        /// `closing` bracket.
        func flowScalar(_ line: Line, from position: Int, lineNumber: Int, closing: UInt8) -> (YAMLNode, Int)? {
            let column = characterColumn(line, position)
            if line[position] == UInt8(ascii: "\"") || line[position] == UInt8(ascii: "'") {
                guard let (text, end) = quoted(line, from: position) else { return nil }
                return (YAMLNode(kind: .scalar(text, isPlain: false), line: lineNumber, column: column), end)
            }
            guard isPlainStart(line, at: position) else { return nil }
            func isStop(_ byte: UInt8) -> Bool { byte == UInt8(ascii: ",") || byte == closing }
            var end = position
            while end < line.count, !isStop(line[end]) {
                let byte = line[end]
                if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
                    || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\"")
                {
                    return nil
                }
                if byte == UInt8(ascii: ":") && (end + 1 >= line.count || line[end + 1] == 0x20 || isStop(line[end + 1])) { return nil }
                // libyaml refuses `:` before `,?[]{}` in a flow collection (found by fuzzing:
                // `[a:?b]` was a tag here and an error in Yams).
                if byte == UInt8(ascii: ":"), end + 1 < line.count, Array(",?[]{}".utf8).contains(line[end + 1]) { return nil }
                end += 1
            }
            var trimmed = end
            while trimmed > position, line[trimmed - 1] == 0x20 { trimmed -= 1 }
            guard trimmed > position else { return nil }
            return (YAMLNode(kind: .scalar(String(decoding: line[position..<trimmed], as: UTF8.self), isPlain: true), line: lineNumber, column: column), end)
        }

        /// `"text"` without escapes other than `\"` and `\\`, or `'text'` with `''`.
        func quoted(_ line: Line, from position: Int) -> (String, Int)? {
            let quote = line[position]
            var bytes: [UInt8] = []
            var cursor = position + 1
            while cursor < line.count {
                let byte = line[cursor]
                if quote == UInt8(ascii: "\"") && byte == UInt8(ascii: "\\") {
                    guard cursor + 1 < line.count else { return nil }
                    let next = line[cursor + 1]
                    guard next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") else { return nil }
                    bytes.append(next)
                    cursor += 2
                    continue
                }
                if byte == quote {
                    if quote == UInt8(ascii: "'") && cursor + 1 < line.count && line[cursor + 1] == quote {
                        bytes.append(quote)
                        cursor += 2
                        continue
                    }
                    return (String(decoding: bytes, as: UTF8.self), cursor + 1)
                }
                bytes.append(byte)
                cursor += 1
            }
            return nil
        }

        /// Indented `key: value` lines or `- item` lines after an empty value.
        mutating func nestedBlock() -> YAMLNode? {
            var probe = index
            while probe < lines.count, isBlankOrComment(lines[probe]) { probe += 1 }
            guard probe < lines.count else { return nil }
            let indent = lines[probe].prefix { $0 == 0x20 }.count
            // `key:` followed by `- item` at the same indentation is a list in YAML.
            let isList = lines[probe].count > indent + 1 && lines[probe][indent] == UInt8(ascii: "-") && lines[probe][indent + 1] == 0x20
            guard indent > 0 || isList else { return nil }
            index = probe
            let blockLine = firstLine + probe
            if isList {
                var items: [YAMLNode] = []
                while index < lines.count {
                    let line = lines[index]
                    if isBlankOrComment(line) { index += 1; continue }
                    let lineIndent = line.prefix { $0 == 0x20 }.count
                    if lineIndent < indent { break }
                    guard lineIndent == indent, line.count > indent + 1, line[indent] == UInt8(ascii: "-"), line[indent + 1] == 0x20 else {
                        return nil
                    }
                    var start = indent + 2
                    while start < line.count, line[start] == 0x20 { start += 1 }
                    guard start < line.count, let (item, end) = inlineValue(line, from: start, lineNumber: firstLine + index),
                        restIsBlank(line, from: end), item.items == nil, item.entries == nil
                    else { return nil }
                    items.append(item)
                    index += 1
                    if indent == 0, index < lines.count, !isBlankOrComment(lines[index]), lines[index].first != UInt8(ascii: "-") { break }
                }
                return YAMLNode(kind: .sequence(items), line: blockLine, column: indent + 1)
            }
            var entries: [YAMLEntry] = []
            var keys = SeenKeys()
            while index < lines.count {
                let line = lines[index]
                if isBlankOrComment(line) { index += 1; continue }
                let lineIndent = line.prefix { $0 == 0x20 }.count
                if lineIndent == 0 { break }
                guard lineIndent == indent, let (key, valueStart) = keyAndValue(line, from: indent), keys.insert(key) else { return nil }
                let lineNumber = firstLine + index
                index += 1
                var position = valueStart
                while position < line.count, line[position] == 0x20 { position += 1 }
                guard position < line.count, line[position] != UInt8(ascii: "|"), line[position] != UInt8(ascii: "#"),
                    let (value, end) = inlineValue(line, from: position, lineNumber: lineNumber), restIsBlank(line, from: end)
                else { return nil }
                entries.append(YAMLEntry(key: key, keyLine: lineNumber, keyColumn: indent + 1, value: value))
            }
            return YAMLNode(kind: .mapping(entries), line: blockLine, column: indent + 1)
        }

        /// `key: |` then lines indented deeper: the text with the common indentation
        /// removed and one final newline ("clip"), as YAML's literal style.
        mutating func literalBlock(lineNumber: Int, column: Int) -> YAMLNode? {
            var probe = index
            while probe < lines.count, lines[probe].allSatisfy({ $0 == 0x20 }) { probe += 1 }
            guard probe < lines.count else { return nil }
            let indent = lines[probe].prefix { $0 == 0x20 }.count
            guard indent > 0 else { return nil }
            var body: [Line] = []
            var lastContent = index
            while index < lines.count {
                let line = lines[index]
                if line.allSatisfy({ $0 == 0x20 }) {
                    body.append(Line(start: nil, count: 0))
                    index += 1
                    continue
                }
                let lineIndent = line.prefix { $0 == 0x20 }.count
                if lineIndent < indent { break }
                body.append(Line(rebasing: line[indent...]))
                lastContent = index
                index += 1
            }
            while let last = body.last, last.isEmpty { body.removeLast() }
            guard !body.isEmpty else { return nil }
            // "Clip": one final line break, if the last line of text had one in the source.
            let ending = lastContent == lines.count - 1 ? "" : "\n"
            let text = body.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n") + ending
            return YAMLNode(kind: .scalar(text, isPlain: false), line: lineNumber, column: column)
        }

        /// The 1-based column of the byte at `position`, counted in characters (Unicode
        /// scalars) as Yams counts it, not in bytes (found by fuzzing: after a non-ASCII
        /// character the two readers put the same value at different columns).
        func characterColumn(_ line: Line, _ position: Int) -> Int {
            var column = 1
            for byte in line.prefix(position) where byte & 0xC0 != 0x80 { column += 1 }
            return column
        }

        /// `key:` at `start`: ASCII letters, digits, `_` and `-`, then `:` and a space or the
        /// end of the line. Returns the key and where its value starts.
        func keyAndValue(_ line: Line, from start: Int) -> (String, Int)? {
            var cursor = start
            while cursor < line.count {
                let byte = line[cursor]
                let isKeyByte = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                if !isKeyByte { break }
                cursor += 1
            }
            guard cursor > start, cursor < line.count, line[cursor] == UInt8(ascii: ":") else { return nil }
            guard cursor + 1 == line.count || line[cursor + 1] == 0x20 else { return nil }
            // A key that YAML would read as something other than text ("1", "true", "null").
            let key = String(decoding: line[start..<cursor], as: UTF8.self)
            return (key, cursor + 1)
        }

        func isPlainStart(_ line: Line, at position: Int) -> Bool {
            let byte = line[position]
            if SimpleYAML.indicators.contains(byte) {
                // "-2.5" is plain: a "-" not followed by a space starts a plain scalar.
                if byte == UInt8(ascii: "-") && position + 1 < line.count && line[position + 1] != 0x20 { return true }
                return false
            }
            return true
        }

        /// True when only spaces follow `position`.
        func restIsBlank(_ line: Line, from position: Int) -> Bool {
            var cursor = position
            while cursor < line.count, line[cursor] == 0x20 { cursor += 1 }
            return cursor == line.count
        }

        /// The index after the last byte that is not a space, from `position` on.
        func contentEnd(_ line: Line, from position: Int) -> Int {
            var end = line.count
            while end > position, line[end - 1] == 0x20 { end -= 1 }
            return end
        }

        func isBlankOrComment(_ line: Line) -> Bool {
            for byte in line {
                if byte == 0x20 { continue }
                return byte == UInt8(ascii: "#")
            }
            return true
        }
    }

    /// The keys of one mapping so far, to refuse a duplicate. A front matter has a handful:
    /// comparing them beats hashing each into a set, which takes over past sixteen (a KPI's
    /// measurements may have hundreds).
    private struct SeenKeys {
        private var few: [String] = []
        private var many: Set<String>? = nil

        /// Whether `key` was not seen before.
        mutating func insert(_ key: String) -> Bool {
            if many != nil { return many!.insert(key).inserted }
            if few.contains(key) { return false }
            few.append(key)
            if few.count > 16 { many = Set(few) }
            return true
        }
    }
}
