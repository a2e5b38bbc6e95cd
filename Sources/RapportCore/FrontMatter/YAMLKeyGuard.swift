/// Keeps a "billion laughs" out of YAML mapping keys, where Yams cannot survive it.
///
/// Aliases share their anchor's node, so a front matter of a few lines can stand for
/// billions of values. `YAMLNode` walks values with a budget, but Yams itself hashes every
/// mapping key to find duplicates while it composes the document: a key that is an alias
/// of such a node (`? *bomb`, `*bomb : x`, `[*bomb]: x`) took minutes before any budget
/// could apply. Notes never need keys that are not plain text, so when a front matter has
/// both an anchor and an alias, anything shaped like a key that is an alias, a list or a
/// mapping is refused before Yams sees it.
///
/// The scan reads bytes, not YAML: quoted text and block scalars are not told apart from
/// the rest. It can only refuse too much, and only in a front matter that also defines
/// and uses anchors, which notes almost never do.
enum YAMLKeyGuard {
    /// The 0-based byte offset of the first key shaped like an alias, a list or a mapping,
    /// when `yaml` also has an anchor and an alias; nil when the text is safe to compose.
    static func complexKey(in yaml: String) -> Int? {
        let bytes = Array(yaml.utf8)
        var hasAnchor = false
        var hasAlias = false
        var firstKey: Int? = nil
        for index in bytes.indices {
            let byte = bytes[index]
            let startsToken = index == 0 || isSeparator(bytes[index - 1])
            switch byte {
            case UInt8(ascii: "&") where startsToken && isNameByte(at: index + 1, in: bytes):
                hasAnchor = true
            case UInt8(ascii: "*") where startsToken && isNameByte(at: index + 1, in: bytes):
                hasAlias = true
                var end = index + 1
                while isNameByte(at: end, in: bytes) { end += 1 }
                if firstKey == nil, isKeyColon(after: end, in: bytes) { firstKey = index }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if firstKey == nil, isKeyColon(after: index + 1, in: bytes) { firstKey = index }
            case UInt8(ascii: "?") where startsToken && (index + 1 == bytes.count || isBlank(bytes[index + 1])):
                if firstKey == nil { firstKey = index }
            default:
                break
            }
        }
        return hasAnchor && hasAlias ? firstKey : nil
    }

    /// True when spaces, then `:` and a blank (or the end) follow `start`: a key ends there.
    private static func isKeyColon(after start: Int, in bytes: [UInt8]) -> Bool {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
        return index + 1 == bytes.count || isBlank(bytes[index + 1]) || isFlowIndicator(bytes[index + 1])
    }

    /// Anchor and alias names as libyaml reads them: ASCII letters, digits, `_` and `-`.
    private static func isNameByte(at index: Int, in bytes: [UInt8]) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
    }

    /// What may come right before an anchor, an alias or `?`: white space or the start of
    /// a flow item.
    private static func isSeparator(_ byte: UInt8) -> Bool {
        isBlank(byte) || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: ",")
    }
}
