/// What the first pass reads of a note: its identity, common keys and the body text.
/// The second pass turns included headers into `Note`s.
/// A class, not a struct: a header is handed from the reading threads to the parsing ones
/// and kept by the load cache, and each copy of a struct of a dozen strings and lists costs
/// a reference count each.
final class NoteHeader: Sendable {
    let ref: NoteRef
    let path: String
    let displayPath: String
    let title: String
    let date: Day?
    let tags: [String]
    let visibility: Visibility
    let isDraft: Bool
    let front: YAMLNode
    /// The front matter as written, whose first line is file line `yamlFirstLine`.
    let yaml: String
    let yamlFirstLine: Int
    let body: String
    let bodyFirstLine: Int

    init(
        ref: NoteRef, path: String, displayPath: String, title: String, date: Day?, tags: [String], visibility: Visibility,
        isDraft: Bool, front: YAMLNode, yaml: String, yamlFirstLine: Int, body: String, bodyFirstLine: Int
    ) {
        self.ref = ref
        self.path = path
        self.displayPath = displayPath
        self.title = title
        self.date = date
        self.tags = tags
        self.visibility = visibility
        self.isDraft = isDraft
        self.front = front
        self.yaml = yaml
        self.yamlFirstLine = yamlFirstLine
        self.body = body
        self.bodyFirstLine = bodyFirstLine
    }

    var kind: NoteKind { ref.kind }

    /// Keys every note may carry; the rest of a kind's keys are listed in `NoteParser`.
    static let commonKeys: Set<String> = ["title", "date", "tags", "visibility", "draft", "type"]

    /// Reads a note file's bytes up to its front matter. Every problem is a diagnostic.
    static func read(bytes: [UInt8], path: String, displayPath: String) -> (NoteHeader?, [Diagnostic]) {
        var log = DiagnosticLog()
        if bytes.isEmpty {
            return (nil, [.error(displayPath, 1, 1, "empty file: a note needs front matter with at least a title")])
        }
        guard let text = FrontMatter.decodeText(bytes) else {
            return (nil, [.error(displayPath, 1, 1, "not UTF-8 text: save the note as UTF-8")])
        }
        let split: FrontMatterSplit
        switch FrontMatter.split(text, path: displayPath) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let value): split = value
        }
        let front: YAMLNode
        switch YAMLNode.parse(split.yaml, firstLine: split.yamlFirstLine, path: displayPath) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let node):
            guard let node else {
                return (nil, [.error(displayPath, 1, 1, "missing title: the front matter is empty")])
            }
            guard node.entries != nil else {
                return (nil, [.error(displayPath, node.line, node.column, "front matter must be a mapping of keys to values")])
            }
            front = node
        }
        let fields = FieldReader(node: front, path: displayPath)

        let parts = path.slashSeparatedParts()
        let folder = parts.first.map(String.init) ?? ""
        // A note in a folder takes its kind from it (counted from the parts: `contains("/")`
        // went through Foundation's string search: about 8% of reading a header).
        var kind = parts.count > 1 ? NoteKind(folder: folder) : nil
        if let typeNode = front["type"], let typeName = fields.text("type", log: &log) {
            if let declared = NoteKind(rawValue: typeName) {
                kind = declared
            } else {
                let names = NoteKind.allCases.map(\.rawValue).joined(separator: ", ")
                log.error(displayPath, typeNode.line, typeNode.column, "unknown type '\(typeName)': expected one of \(names)")
                return (nil, log.diagnostics)
            }
        }
        guard let kind else {
            let folders = NoteKind.allCases.map(\.folder).joined(separator: ", ")
            log.error(displayPath, 1, 1, "cannot tell the note's type: put it in one of \(folders), or give 'type:'")
            return (nil, log.diagnostics)
        }
        let fileName = parts.last.map(String.init) ?? path
        let id = String(fileName.dropLast(3))
        // The id is part of the page's address, in links, the sitemap, the feed and the
        // calendar: `#`, `?` and `%` would cut or change the address, a browser reads `\`
        // as `/`, and a line break would start a calendar property of its own.
        // All of them ASCII: looked for among the UTF-8 bytes, where no other character has a byte below 0x80.
        if let bad = id.utf8.first(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "\\") }) {
            let shown = bad < 0x20 || bad == 0x7F ? "a control character" : "'\(Character(Unicode.Scalar(bad)))'"
            log.error(
                displayPath, 1, 1,
                "the file name holds \(shown), which a page's address cannot (#, ?, %, \\ and control characters are not allowed); rename the file")
            return (nil, log.diagnostics)
        }
        // A note's page is `<folder>/<id>.html`, and `<folder>/index.html` lists the kind:
        // a note called `index` would overwrite that list (or be overwritten by it).
        if id == "index" && kind != .qbr {
            log.error(
                displayPath, 1, 1,
                "a note cannot be called 'index': \(kind.folder)/index.html is the list of \(kind.pluralTitle.lowercased()); rename the file")
            return (nil, log.diagnostics)
        }

        var title = fields.text("title", log: &log)?.trimmingSpaces ?? ""
        if front["title"] == nil || title.isEmpty {
            log.error(displayPath, 1, 1, "missing title: every note needs 'title:' in its front matter")
            title = id
        }
        let date = fields.day("date", log: &log)
        if kind.requiresDate && !fields.has("date") {
            log.error(displayPath, 1, 1, "missing date: a \(kind.rawValue) needs 'date: YYYY-MM-DD'")
        }
        var tags: [String] = []
        for (text, node) in fields.list("tags", log: &log) {
            let tag = text.trimmingSpaces
            if tag.isEmpty {
                log.error(displayPath, node.line, node.column, "empty tag")
            } else if !tags.contains(tag) {
                tags.append(tag)
            }
        }
        let visibilityText = fields.oneOf("visibility", ["shared", "internal"], log: &log) ?? "shared"
        let isDraft = fields.bool("draft", log: &log) ?? false
        if log.hasErrors { return (nil, log.diagnostics) }
        let header = NoteHeader(
            ref: NoteRef(kind: kind, id: id), path: path, displayPath: displayPath, title: title, date: date,
            tags: tags, visibility: Visibility(rawValue: visibilityText)!, isDraft: isDraft, front: front,
            yaml: split.yaml, yamlFirstLine: split.yamlFirstLine, body: split.body, bodyFirstLine: split.bodyFirstLine)
        return (header, log.diagnostics)
    }
}

extension NoteHeader {
    /// Where the text of a scalar front matter value starts in the file, so that Markdown
    /// rendered from it (a feedback `response`) reports the file's lines and columns: a
    /// block scalar (`|`, `>`) starts on the line after its indicator, at its indentation;
    /// a quoted one just after its quote; a plain one at its first character.
    func textStart(of value: YAMLNode) -> (line: Int, column: Int) {
        // Split on the byte: a line feed is always a character of its own, and the text's
        // line ends are all line feeds.
        let lines = yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
        let index = value.line - yamlFirstLine
        guard index >= 0, index < lines.count else { return (value.line, value.column) }
        let indicator = lines[index].unicodeScalars.dropFirst(value.column - 1).first
        switch indicator {
        case "|", ">":
            let content = lines.dropFirst(index + 1).first { !$0.allSatisfy { $0 == " " } }
            let indent = content.map { $0.prefix { $0 == " " }.count } ?? 0
            return (value.line + 1, indent + 1)
        case "\"", "'":
            return (value.line, value.column + 1)
        default:
            return (value.line, value.column)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        // Text that starts and ends with an ASCII byte other than white space has nothing to
        // trim (no character that is white space starts or ends with such a byte).
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return self }
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}

/// File and URL names made from free text: lower-case ASCII letters and digits joined by `-`.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingDash && !out.isEmpty { out += "-" }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        if out.isEmpty {
            // Text with no ASCII letters or digits still needs a stable, safe name.
            out = "x-" + text.utf8.prefix(30).map { String($0, radix: 16) }.joined()
        }
        return String(out.prefix(80))
    }
}
