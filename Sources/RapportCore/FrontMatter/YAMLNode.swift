import Yams

/// A YAML value with the file line and column it was written at. Every scalar stays text
/// (Yams' basic resolver); the content model types each key itself, so `no` stays "no"
/// and `0777` stays "0777" until a key's rule says otherwise.
public struct YAMLNode: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A scalar's text; `isPlain` is false when it was quoted or a block scalar.
        case scalar(String, isPlain: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
    }

    public let kind: Kind
    public let line: Int
    public let column: Int

    /// The scalar's text, nil for collections.
    public var string: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// True for an empty plain scalar, `~` and `null`: YAML's ways of writing nothing.
    public var isNull: Bool {
        if case .scalar(let text, let isPlain) = kind, isPlain {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    public var entries: [YAMLEntry]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// The value of `key` in a mapping.
    public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key == key }?.value
    }
}

/// One key and value of a YAML mapping.
public struct YAMLEntry: Sendable, Equatable {
    public let key: String
    public let keyLine: Int
    public let keyColumn: Int
    public let value: YAMLNode
}

extension YAMLNode {
    /// The most nodes one front matter may expand to. Aliases share their anchor's node
    /// in Yams, so a "billion laughs" document is small to parse but huge to walk.
    static let nodeLimit = 100_000

    /// Parses `yaml`, whose first line is line `firstLine` of the file at `path`.
    /// Errors name the line in the file, not in the front matter.
    public static func parse(_ yaml: String, firstLine: Int, path: String) -> Result<YAMLNode?, Diagnostic> {
        if let simple = SimpleYAML.parse(yaml, firstLine: firstLine) { return .success(simple) }
        return parseWithYams(yaml, firstLine: firstLine, path: path)
    }

    /// The full YAML parser, for everything `SimpleYAML` leaves alone and for every error.
    static func parseWithYams(_ yaml: String, firstLine: Int, path: String) -> Result<YAMLNode?, Diagnostic> {
        // Refused before Yams sees it: Yams hashes every key, which for an alias of an
        // exponential node takes minutes (see YAMLKeyGuard).
        if let offset = YAMLKeyGuard.complexKey(in: yaml) {
            let before = Array(yaml.utf8.prefix(offset))
            let line = before.count { $0 == 0x0A } + firstLine
            let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            return .failure(
                .error(path, line, column, "YAML: a key must be plain text, not an alias, a list or a mapping (in a front matter with anchors)"))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, firstLine: firstLine, path: path))
        } catch {
            return .failure(.error(path, firstLine, 1, "YAML: \(error)"))
        }
        guard let root else { return .success(nil) }
        var budget = nodeLimit
        guard let node = convert(root, lineOffset: firstLine - 1, budget: &budget) else {
            return .failure(
                .error(path, firstLine, 1, "front matter expands to more than \(nodeLimit) values (aliases nested too deep?)"))
        }
        return .success(node)
    }

    private static func convert(_ node: Node, lineOffset: Int, budget: inout Int) -> YAMLNode? {
        budget -= 1
        guard budget >= 0 else { return nil }
        let line = (node.mark?.line ?? 1) + lineOffset
        let column = node.mark?.column ?? 1
        switch node {
        case .scalar(let scalar):
            return YAMLNode(kind: .scalar(scalar.string, isPlain: scalar.style == .plain), line: line, column: column)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence {
                guard let converted = convert(item, lineOffset: lineOffset, budget: &budget) else { return nil }
                items.append(converted)
            }
            return YAMLNode(kind: .sequence(items), line: line, column: column)
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            for (key, value) in mapping {
                guard let converted = convert(value, lineOffset: lineOffset, budget: &budget) else { return nil }
                let keyText = key.scalar?.string ?? "\(key)"
                entries.append(
                    YAMLEntry(
                        key: keyText, keyLine: (key.mark?.line ?? 1) + lineOffset, keyColumn: key.mark?.column ?? 1,
                        value: converted))
            }
            return YAMLNode(kind: .mapping(entries), line: line, column: column)
        case .alias(let alias):
            return YAMLNode(kind: .scalar("*\(alias)", isPlain: true), line: line, column: column)
        }
    }

    /// The 1-based line and column of the character at `offset` in `text`.
    private static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    private static func diagnostic(for error: YamlError, firstLine: Int, path: String) -> Diagnostic {
        let offset = firstLine - 1
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) (\($0.text))" } ?? problem
            return .error(path, mark.line + offset, mark.column, "YAML: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .error(
                path, context.mark.line + offset, context.mark.column,
                "YAML: duplicate key '\(duplicates.joined(separator: "', '"))'")
        case .reader(let problem, let characterOffset, _, let text):
            // The reader names a character offset, not a line: count the lines up to it.
            let (line, column) = characterOffset.map { position(ofCharacter: $0, in: text) } ?? (1, 1)
            return .error(path, line + offset, column, "YAML: \(problem)")
        default:
            return .error(path, firstLine, 1, "YAML: \(error)")
        }
    }
}
