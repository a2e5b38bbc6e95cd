#if canImport(Glibc)
    import Glibc
#endif

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
///
/// Both steps work on UTF-8 bytes: walking a note by `Character` (grapheme breaking) cost a
/// quarter of a whole build, and the fences and line ends they look for are ASCII.
public enum FrontMatter {
    /// Decodes `bytes` as UTF-8 text with a byte-order mark dropped and CRLF and lone CR
    /// line ends made LF. Nil when the bytes are not UTF-8.
    public static func decodeText(_ bytes: [UInt8]) -> String? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // Most notes have no CR: validate their bytes as they are, without a cleaned copy.
        // (memchr finds there is none a word at a time, not a byte at a time.)
        let firstCR = bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, buffer.count > start,
                let found = memchr(base + start, 0x0D, buffer.count - start)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        guard let firstCR else {
            return String(validating: bytes[start...], as: UTF8.self)
        }
        var cleaned: [UInt8] = []
        cleaned.reserveCapacity(bytes.count - start)
        cleaned.append(contentsOf: bytes[start..<firstCR])
        var index = firstCR
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

    /// Splits decoded note text (line ends are LF, as `decodeText` leaves them). The front
    /// matter opens with a first line of `---` and closes at the next line that is exactly
    /// `---` (trailing spaces allowed); a `---` in the body, in or out of a code block, is
    /// body text.
    public static func split(_ text: String, path: String) -> Result<FrontMatterSplit, Diagnostic> {
        let fences =
            text.utf8.withContiguousStorageIfAvailable(findFences(in:))
            ?? Array(text.utf8).withUnsafeBufferPointer(findFences(in:))
        switch fences {
        case .missingOpening:
            return .failure(
                .error(path, 1, 1, "missing front matter: a note starts with a line '---', then YAML, then '---'"))
        case .missingClosing:
            return .failure(.error(path, 1, 1, "front matter is not closed: no line '---' after the opening one"))
        case .found(let yaml, let body, let bodyFirstLine):
            return .success(
                FrontMatterSplit(
                    yaml: text.utf8Slice(yaml), yamlFirstLine: 2, body: text.utf8Slice(body),
                    bodyFirstLine: bodyFirstLine))
        }
    }

    /// Where the fences of a note's bytes are.
    private enum Fences {
        case missingOpening
        case missingClosing
        /// The byte ranges of the YAML and the body, and the file line the body starts on.
        case found(yaml: Range<Int>, body: Range<Int>, bodyFirstLine: Int)
    }

    /// Reads lines up to the closing fence only: the body is sliced off without being
    /// scanned.
    private static func findFences(in bytes: UnsafeBufferPointer<UInt8>) -> Fences {
        let end = bytes.count
        /// The offset of the LF ending the line that starts at `start`, or the end.
        func lineEnd(from start: Int) -> Int { bytes[start...].firstIndex(of: 0x0A) ?? end }

        let openingEnd = lineEnd(from: 0)
        guard isFence(bytes[0..<openingEnd]) else { return .missingOpening }
        var lineStart = openingEnd + 1
        var line = 2
        while lineStart <= end {
            let close = lineEnd(from: lineStart)
            if isFence(bytes[lineStart..<close]) {
                // The YAML's last line end belongs to no line; a fence right after the
                // opening one leaves the YAML empty.
                let yaml = (openingEnd + 1)..<max(openingEnd + 1, lineStart - 1)
                let body = min(close + 1, end)..<end
                return .found(yaml: yaml, body: body, bodyFirstLine: line + 1)
            }
            lineStart = close + 1
            line += 1
        }
        return .missingClosing
    }

    /// `---` followed by nothing but spaces and tabs.
    private static func isFence(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let dash = UInt8(ascii: "-")
        guard line.count >= 3, line.prefix(3).allSatisfy({ $0 == dash }) else { return false }
        return line.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}

extension String {
    /// The text of a byte range that starts and ends on scalar boundaries.
    fileprivate func utf8Slice(_ range: Range<Int>) -> String {
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        return String(self[start..<end])
    }
}
