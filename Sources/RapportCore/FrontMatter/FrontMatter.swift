/// A note's text split into its YAML front matter and its Markdown body.
public struct FrontMatterSplit: Sendable, Equatable {
    /// The YAML between the fences (without them).
    public let yaml: String
    /// The file line of the YAML's first line (the line after the opening `---`).
    public let yamlFirstLine: Int
    /// The Markdown after the closing fence.
    public let body: String
    /// The file line of the body's first line.
    public let bodyFirstLine: Int
}

/// Decodes note files and finds their front matter.
public enum FrontMatter {
    /// Decodes `bytes` as UTF-8 text with a byte-order mark dropped and CRLF and lone CR
    /// line ends made LF. Nil when the bytes are not UTF-8.
    public static func decodeText(_ bytes: [UInt8]) -> String? {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(bytes.count - start)
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                // CR LF is one line end; a lone CR is one too, for editors, YAML and
                // cmark-gfm alike. Counting it as a line keeps diagnostics, and the task
                // markers read back from the source, on the lines cmark-gfm reports.
                cleaned.append(0x0A)
                index += index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                continue
            }
            cleaned.append(byte)
            index += 1
        }
        return String(validating: cleaned, as: UTF8.self)
    }

    /// Splits decoded note text. The front matter opens with a first line of `---` and
    /// closes at the next line that is exactly `---` (trailing spaces allowed); a `---` in
    /// the body, in or out of a code block, is body text.
    public static func split(_ text: String, path: String) -> Result<FrontMatterSplit, Diagnostic> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, isFence(first) else {
            return .failure(
                .error(path, 1, 1, "missing front matter: a note starts with a line '---', then YAML, then '---'"))
        }
        var closing: Int? = nil
        for index in 1..<lines.count where isFence(lines[index]) {
            closing = index
            break
        }
        guard let close = closing else {
            return .failure(.error(path, 1, 1, "front matter is not closed: no line '---' after the opening one"))
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let body = close + 1 < lines.count ? lines[(close + 1)...].joined(separator: "\n") : ""
        return .success(FrontMatterSplit(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: close + 2))
    }

    private static func isFence(_ line: Substring) -> Bool {
        guard line.hasPrefix("---") else { return false }
        return line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
